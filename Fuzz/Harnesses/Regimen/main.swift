// The regimen language (`RegimenLanguage.schedule`): any text is a schedule or a
// `RegimenSyntaxError`, never a trap, an abort or a hang.
import FuzzDriver
import Pharmacology

runFuzzer { data, size in
    _ = try? RegimenLanguage.schedule(fuzzText(data, size))
    return 0
}
