/// The plasma concentrations of DZ, NDZ, TMZ and OXZ (ng/mL) at any time from the closed-form PK,
/// which place a summary's concentration peaks exactly between its grid samples: one `PKSchedule`
/// per model interval (one for a run with one model; one per interval of a `ModelSchedule`), each
/// divided by the volumes of the model in effect then.
struct ExactConcentrations {
    /// Start of each interval (h): interval `k` is `(starts[k], starts[k + 1]]`, the first from the
    /// start of the run, as `ModelSchedule.index(at:)`.
    let starts: [Double]
    /// Each interval's drug amounts (mg) and its model's volumes (L).
    let pieces: [(pk: PKSchedule, volumes: (central: Double, peripheral: Double, ndz: Double, tmz: Double, oxz: Double))]

    /// One model for the whole run.
    init(_ pk: PKSchedule, model: DiazepamModel) {
        starts = [0]
        pieces = [(pk, model.volumes)]
    }

    /// One `PKSchedule` per interval of `schedule`, in order.
    init(_ schedule: ModelSchedule, intervals: [PKSchedule]) {
        precondition(intervals.count <= schedule.models.count, "at most one PK schedule per model interval")
        starts = Array(schedule.starts.prefix(intervals.count))
        pieces = zip(intervals, schedule.models).map { ($0, $1.volumes) }
    }

    /// Analyte `analyte`'s plasma concentration (ng/mL; 0 DZ, 1 NDZ, 2 TMZ, 3 OXZ) at `t` h; at an
    /// action time, before its actions.
    func concentration(_ analyte: Int, at t: Double) -> Double {
        var low = 0, high = starts.count - 1                 // the last k ≥ 1 with starts[k] < t, else 0
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] < t { low = mid } else { high = mid - 1 }
        }
        let (pk, v) = pieces[low]
        switch analyte {
        case 0: return pk.amount(StateVariable.dzCentral.rawValue, at: t) / v.central * 1000
        case 1: return pk.amount(StateVariable.ndz.rawValue, at: t) / v.ndz * 1000
        case 2: return pk.amount(StateVariable.tmz.rawValue, at: t) / v.tmz * 1000
        default: return pk.amount(StateVariable.oxz.rawValue, at: t) / v.oxz * 1000
        }
    }
}
