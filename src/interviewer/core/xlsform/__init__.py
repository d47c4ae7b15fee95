"""XLSForm import and export (https://xlsform.org), so authors can write vragenlijsten in Excel.

Reading is pyxform's (sheets.py): .xlsx/.xlsm/.xls, only the used cells, column aliases and
language columns as ODK reads them; type names and their older spellings are pyxform's too
(types.py). The README's XLSForm section (summary.py, checked by a test) lists what is
supported, skipped and refused.

Mapping (import; export writes the same shape, so import(export(qs)) == qs):

- Sheets: `survey` (required), `choices` and `settings` (optional). Row numbers in messages
  are the ones Excel shows.
- Texts come from the Dutch language columns (`label::nl`, `label::Dutch (nl)`), else the
  form's default_language, else the language with the most labels (labels.py; said once).
  An empty cell in that language takes another language's text, with a warning.
- Types: text -> open, integer/decimal -> getal, date -> datum, time/datetime -> open with a
  pattern for the form, select_one -> keuze, select_multiple -> meerkeuze (or_other adds the
  option 'other' and an open follow-up `<id>_other`), acknowledge -> janee, range -> schaal
  (`parameters` start/end, step 1; XLSForm's default is 1-10), range with extra column `zrm`
  = yes -> zrm. select_one of a list named `ja_nee`, `yes_no` or `ja_nee_...`/`yes_no_...`
  with exactly the codes ja and nee -> janee. Export writes getal as decimal.
- begin_group/end_group -> sections; a nested group is a section of its own whose routing
  is all of its groups' relevants, and the rows after it continue the outer group in a new
  section `<outer>_2`. Rows outside any group form sections `sectie_<n>` titled "Vragen".
- begin_repeat/end_repeat -> the same as a group, asked once (our model asks each question
  once): one warning per repeat says so, repeat_count/jr:count is named as not taken. Names
  are unique in an XLSForm, so `${x}` and `../x` to a sibling keep pointing at it.
- begin loop over LIST -> a section per option, as pyxform writes a loop out (loops.py):
  `%(name)s`/`%(label)s` filled in, names suffixed with the option, references to a sibling
  following to that copy. A loop over a missing or empty list is skipped with its rows.
- note -> interviewer guidance (`guidance`) of the next question (notes after the last
  question of a group go to that question). Export never writes notes.
- Names become ids (lower case, `_`; one line lists the changes); choice names become codes.
- relevant: `=`, `!=`, `selected()`, `''` (answered or not), comparisons with option codes
  (-> `in`) and with numbers or date('...') on getal/schaal/zrm/datum (-> min/max), with and,
  or, not() and parentheses. An `or` of code comparisons on one question becomes one `in`.
- constraint: bounds joined with `and` (`. >= 0`, `. < x` only where a step of 1 exists,
  `date('...')`, `today()`, `string-length(.)`), and `regex(., '...')` on text -> pattern.
  Extra column `constraint_soft` = yes makes it a warning the inspector can confirm.
- default -> a line of guidance ("Standaardantwoord in het formulier: ...").
- Extra columns: `indicator` on survey rows (`2`, `2b`, `1a, 3`, or `4:3c` for an aspect
  of another number; `2b[telt_niet]` shows but does not count, `2b[ja=0 nee=-]` gives options
  another polarity for that aspect), optionally `aspect` (fills the aspect of a bare number);
  `doorvragen` (one per line); `score_polarity` (`plus_from=4 minus_to=2`); `scale_labels`
  (one `score=omschrijving` per line); `polarity` (+, - or 0) on choices rows.
- settings: form_id (default: file name), version (integer, else 1), form_title, role
  (default: form_id), role_label (default: title), source (default: --rol, else role), level
  (default casus), framework (default: the only toezichtkader found), intro, consent.
- A row that does not fit is skipped with one located warning; a filled cell that is not
  taken is named in one warning per column. The form is refused (nothing written) only when
  a relevant depends on a skipped row, refers to no earlier question, our own columns are
  unreadable, no question is left, or the catalog check fails.
"""

from interviewer.core.xlsform.exporter import export_rows, export_xlsform
from interviewer.core.xlsform.importer import (
    ImportResult,
    RoleNeeded,
    import_xlsform,
    known_sources,
)
from interviewer.core.xlsform.sheets import SheetProblem, XlsformError

__all__ = [
    "ImportResult",
    "RoleNeeded",
    "known_sources",
    "SheetProblem",
    "XlsformError",
    "export_rows",
    "export_xlsform",
    "import_xlsform",
]
