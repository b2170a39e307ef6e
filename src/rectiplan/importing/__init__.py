"""`rectiplan import`: a published Word or Excel table (or a CSV file) read into a plan.

Readers (`read_docx`, `read_xlsx`, `read_csv`) give a neutral grid; `structure` finds the table in it; `assemble`
reads each cell into plan data with `cells` and `sheet`; `emit` writes the YAML.
"""
