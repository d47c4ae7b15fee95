"""One study, many laptops: bundles, merging them, and the conflicts a person decides.

`bundle.write_bundle` writes what this database knows; `merge.merge_bundle` reads another
laptop's bundle in; `conflicts` lists and resolves what two laptops changed concurrently.
"""
