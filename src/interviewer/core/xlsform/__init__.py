"""XLSForm import and export (https://xlsform.org), so authors can write vragenlijsten in Excel.

Mapping (import; export writes the same shape, so import(export(qs)) == qs):

- Sheets: `survey` (required), `choices` (required when a select refers to a list) and
  `settings` (optional). Row numbers in messages are the ones Excel shows.
- Text columns are read from the Dutch column first (`label::nl`, `label::Dutch (nl)`,
  `label::Nederlands`), else the untagged one (`label`); likewise hint, guidance_hint and
  constraint_message. Export writes `label::Dutch (nl)` etc.
- Types: text -> open, integer/decimal -> getal, date -> datum, select_one -> keuze,
  select_multiple -> meerkeuze, range -> schaal (`parameters` start/end, step 1; XLSForm's
  default is 1-10), range with extra column `zrm` = yes -> zrm. select_one of a list named
  `ja_nee`, `yes_no` or `ja_nee_...`/`yes_no_...` whose codes include ja and nee -> janee.
  Export writes getal as decimal.
- begin_group/end_group (or "begin group") -> a section (name = id, label = title,
  relevant = section routing). Nested groups are refused. Rows outside any group form an
  implicit section `sectie_<n>` titled "Vragen", so plain flat forms still convert.
- note -> interviewer guidance (`guidance`) of the next question in the same section (several
  notes are joined; a note after the last question goes to that question; notes before the
  first group go to that group's first question). Our model has no
  free-standing texts and a note is an instruction, not a question. Export never writes notes.
- Metadata types (start, end, today, deviceid, username, ...) are skipped: nothing to ask.
- relevant: `${q} = 'x'`, `${q} != 'x'`, `selected(${q}, 'x')`, `${q} = ''` / `${q} != ''`
  (not / answered), combined with and, or, not() and parentheses. An `or` of code
  comparisons on one question becomes one `in` list (so a hand-written
  `any: [{vraag: q, in: [a]}, {vraag: q, in: [b]}]` comes back as `{vraag: q, in: [a, b]}`;
  same meaning). `=` on a select_multiple is refused (use selected()).
- constraint: bounds joined with `and`: `. >= 0`, `. <= 10`, `. > x`, `. < x` (strict bounds
  only where a step of 1 exists: integer, range, date in days, text length), dates as
  `date('2019-01-01')`, text length as `string-length(.) <= 500`. Extra column
  `constraint_soft` = yes makes it a warning the inspector can confirm.
- required: yes/true/1 (or true()), no/false/0/empty.
- Extra columns: `indicator` on survey rows (`2`, `2b`, `1a, 3`, or `4:3c` for an aspect
  of another number; `2b[telt_niet]` shows but does not count, `2b[ja=0 nee=-]` gives options
  another polarity for that aspect), optionally `aspect` (fills the aspect of a bare number);
  `doorvragen` (one per line); `score_polarity` (`plus_from=4 minus_to=2`); `scale_labels`
  (one `score=omschrijving` per line); `polarity` (+, - or 0) on choices rows.
- settings: form_id (default: file name), version (integer, default 1), form_title (default:
  form_id), role (default: form_id), role_label (default: title), source (default: role),
  level (default casus), framework (default: the only toezichtkader found), intro (default
  "Vragenlijst <title>."), consent (default: a one-line consent question).
- Refused with a located message: repeats, calculate, calculation/choice_filter/default/
  trigger/repeat_count/read_only columns, unknown types, or_other, unsupported functions
  or comparisons in relevant/constraint, unknown choice lists, missing sheets or columns.
  Every problem is listed and nothing is written.
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
