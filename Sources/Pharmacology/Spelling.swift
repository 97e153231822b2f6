/// "Did you mean …?" for misspelt names: parameter names, event-table columns, scenario keys.
/// One implementation for every message that offers a suggestion.
public enum Spelling {
    /// Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent
    /// transpositions each cost 1 ("TMIE" → "TIME" is one transposition, not two substitutions).
    public static func distance(_ a: String, _ b: String) -> Int {
        let s = Array(a), t = Array(b)
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        // Three rows suffice: the transposition looks two rows back.
        var twoBack = [Int](repeating: 0, count: t.count + 1)
        var previous = Array(0...t.count)
        var current = [Int](repeating: 0, count: t.count + 1)
        for i in 1...s.count {
            current[0] = i
            for j in 1...t.count {
                var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (s[i - 1] == t[j - 1] ? 0 : 1))
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] { best = min(best, twoBack[j - 2] + 1) }
                current[j] = best
            }
            (twoBack, previous, current) = (previous, current, twoBack)
        }
        return previous[t.count]
    }

    /// The candidate closest to `name` by case-insensitive distance, if close enough to be a
    /// likely typo (≤ 1 for names up to 4 characters, ≤ 2 up to 8, else ≤ 3); ties go to the first.
    public static func closest(to name: String, among candidates: [String]) -> String? {
        let target = name.lowercased()
        let limit = target.count <= 4 ? 1 : (target.count <= 8 ? 2 : 3)
        var best: (name: String, distance: Int)? = nil
        for candidate in candidates {
            let d = distance(target, candidate.lowercased())
            if d <= limit, best == nil || d < best!.distance { best = (candidate, d) }
        }
        return best?.name
    }
}
