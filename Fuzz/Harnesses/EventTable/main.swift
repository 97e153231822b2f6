// NONMEM-style event tables (`EventTable(csv:)`): any text is a table or an `EventTableError`.
import FuzzDriver
import Pharmacology

runFuzzer { data, size in
    _ = try? EventTable(csv: fuzzText(data, size))
    return 0
}
