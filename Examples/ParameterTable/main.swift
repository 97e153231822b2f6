// Prints the reference model's parameter table as Markdown (the source of Docs/PARAMETERS.md):
//   swift run -c release ParameterTableExample > Docs/PARAMETERS.md
import Pharmacology

print(ParameterTable.markdown, terminator: "")
