/// One row of a designed schedule: a dose held from `start` for `hours`, or (dose 0) the stop.
public struct TaperStep: Sendable, Equatable {
    /// 1-based step number.
    public var number: Int
    /// When the step starts (h from the start of the maintenance).
    public var start: Double
    /// How long it lasts (h); for the stop row, the time observed after the stop.
    public var hours: Double
    /// The dose per administration (mg); 0 for the stop.
    public var dose: Double
    /// What to give, e.g. `1×5mg + 1×2mg`.
    public var dispense: String
    /// Mean steady-state GABA-A occupancy at this dose (0–1), over one dose interval.
    public var occupancy: Double
    /// Highest predicted withdrawal (X − 1) from the step's start to the next step's (for a
    /// population: the percentile of the subjects'), and when (h).
    public var peakWithdrawal: Double, peakTime: Double
}

/// A taper schedule with its predicted withdrawal.
public struct TaperSchedule: Sendable, Equatable {
    /// What made it, e.g. `optimal`, `percent 21%/14d`, `10%/2 weeks`.
    public var name: String
    /// The dosing steps, then the stop (dose 0); empty steps for an abrupt stop give one stop row.
    public var steps: [TaperStep]
    /// The whole regimen (maintenance, then the steps, then `stop`) in the regimen language, as
    /// `benzosim simulate --regimen` reads it.
    public var regimenText: String
    /// When the taper starts and when the last dose step ends (h).
    public var startTime: Double, stopTime: Double
    /// Highest predicted withdrawal over the whole taper and after it (the percentile subject's
    /// for a population), and when (h).
    public var peakWithdrawal: Double, peakTime: Double
    /// Days with withdrawal above the ceiling (the same percentile over subjects).
    public var daysAboveCeiling: Double
    /// The request's percentile of the subjects' peak divided by their ceiling (≤ 1: the schedule
    /// keeps under the ceiling).
    public var ceilingRatio: Double

    /// Duration of the taper (days), from the first cut to the stop.
    public var durationDays: Double { (stopTime - startTime) / 24 }

    /// The dose steps without the final stop row.
    public var doseSteps: [TaperStep] { steps.filter { $0.dose > 0 } }
}

extension TaperSchedule {
    /// The schedule as CSV: `step,start_day,dose_mg,dispense,occupancy_ss,peak_withdrawal,peak_day`,
    /// days counted from the start of the taper.
    public var csv: String {
        var text = "step,start_day,days,dose_mg,dispense,occupancy_ss,peak_withdrawal,peak_day\n"
        for s in steps {
            let fields = [String(s.number), TaperText.number((s.start - startTime) / 24), TaperText.number(s.hours / 24),
                          TaperText.number(s.dose), s.dispense, TaperText.short(s.occupancy, 6),
                          TaperText.short(s.peakWithdrawal, 6), TaperText.short((s.peakTime - startTime) / 24, 6)]
            text += fields.map(Self.csvField).joined(separator: ",") + "\n"
        }
        return text
    }

    static func csvField(_ s: String) -> String {
        s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}

/// A comparison of schedules for the same subject(s), ceiling and dispensing rules.
public struct TaperComparison: Sendable, Equatable {
    /// The ceiling of the (first) subject, X − 1.
    public var ceiling: Double
    /// The schedules, the designed one first.
    public var schedules: [TaperSchedule]
    /// Names of families that cannot meet the ceiling at all, with the reason.
    public var impossible: [(name: String, reason: String)]

    public static func == (a: Self, b: Self) -> Bool {
        a.ceiling == b.ceiling && a.schedules == b.schedules && a.impossible.map(\.name) == b.impossible.map(\.name)
    }

    /// CSV: `schedule,steps,duration_days,peak_withdrawal,peak_day,days_above_ceiling,under_ceiling`.
    public var csv: String {
        var text = "schedule,steps,duration_days,peak_withdrawal,peak_day,days_above_ceiling,under_ceiling\n"
        for s in schedules {
            let fields = [s.name, String(s.doseSteps.count), TaperText.number(s.durationDays),
                          TaperText.short(s.peakWithdrawal, 6), TaperText.short((s.peakTime - s.startTime) / 24, 6),
                          TaperText.short(s.daysAboveCeiling, 4), s.ceilingRatio <= 1 ? "yes" : "no"]
            text += fields.map(TaperSchedule.csvField).joined(separator: ",") + "\n"
        }
        for (name, _) in impossible { text += TaperSchedule.csvField(name) + ",,,,,,impossible\n" }
        return text
    }
}

import Foundation
