# Turns pip's install log into one numbered line per package (scripts/_setup.sh).
# total: the number of pinned lines in the lock; packages skipped by a platform marker
# ("Ignoring") count without a line, so the last number reaches total.
/^Ignoring/ { n++ }
/^(Collecting|Processing|Requirement already satisfied)/ {
    n++
    name = ($1 == "Requirement") ? $4 : $2
    sub(/.*\//, "", name)
    sub(/-py[23].*|-cp3.*/, "", name)
    printf "  [%d/%d] %s\n", n, total, name
    fflush()
}
/^Installing collected packages/ { print "  Uitpakken en installeren (duurt even)..."; fflush() }
/^ERROR/ { print; fflush() }
