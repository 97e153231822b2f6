/// The plasma concentrations of DZ, NDZ, TMZ and OXZ (ng/mL) at any time from the closed-form PK,
/// which place a summary's concentration peaks exactly between its grid samples: one `PKSchedule`
/// per model interval of a `ModelSchedule` (one for a run with one model), each divided by the
/// volumes of the model in effect then.
struct ExactConcentrations {
    /// The models and their intervals (`ModelSchedule.index(at:)`).
    let schedule: ModelSchedule
    /// Each interval's drug amounts (mg), in order; the intervals the run reached.
    let intervals: [PKSchedule]

    /// One model for the whole run.
    init(_ pk: PKSchedule, model: DiazepamModel) {
        self.init(ModelSchedule(model), intervals: [pk])
    }

    /// One `PKSchedule` per interval of `schedule`, in order.
    init(_ schedule: ModelSchedule, intervals: [PKSchedule]) {
        precondition(!intervals.isEmpty && intervals.count <= schedule.models.count, "one PK schedule per model interval reached")
        self.schedule = schedule
        self.intervals = intervals
    }

    /// Analyte `analyte`'s plasma concentration (ng/mL; 0 DZ, 1 NDZ, 2 TMZ, 3 OXZ) at `t` h within
    /// the run; at an action time, before its actions.
    func concentration(_ analyte: Int, at t: Double) -> Double {
        let k = min(schedule.index(at: t), intervals.count - 1)
        let pk = intervals[k], v = schedule.models[k].volumes
        switch analyte {
        case 0: return pk.amount(StateVariable.dzCentral.rawValue, at: t) / v.central * 1000
        case 1: return pk.amount(StateVariable.ndz.rawValue, at: t) / v.ndz * 1000
        case 2: return pk.amount(StateVariable.tmz.rawValue, at: t) / v.tmz * 1000
        default: return pk.amount(StateVariable.oxz.rawValue, at: t) / v.oxz * 1000
        }
    }
}
