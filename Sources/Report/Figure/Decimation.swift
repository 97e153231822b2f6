/// Reduces a long line to the points that decide what it looks like at the given pixel width,
/// keeping every drawn point a data point (M4 aggregation: Jugel et al., "M4: A
/// Visualization-Oriented Time Series Data Aggregation", PVLDB 7(10), 2014).
///
/// Within each pixel column the line is replaced by its first, lowest, highest and last point, in
/// their original order; the rendered polyline then covers exactly the pixels the full line
/// would, so no peak or trough is lost (a daily concentration swing over a 450-day axis stays a
/// solid envelope). Columns are `floor(x)` of the pixel positions; `points` must be in ascending x
/// (for other input, nothing is removed).
enum Decimation {
    static func m4(_ points: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
        guard points.count > 8 else { return points }
        for i in 1..<points.count where points[i].x < points[i - 1].x { return points }
        var kept: [(x: Double, y: Double)] = []
        kept.reserveCapacity(min(points.count, 4 * 2048))
        var start = 0
        while start < points.count {
            let column = points[start].x.rounded(.down)
            var end = start, low = start, high = start
            while end + 1 < points.count && points[end + 1].x.rounded(.down) == column {
                end += 1
                if points[end].y < points[low].y { low = end }
                if points[end].y > points[high].y { high = end }
            }
            var previous = -1
            for index in [start, min(low, high), max(low, high), end] where index != previous {
                kept.append(points[index])
                previous = index
            }
            start = end + 1
        }
        return kept
    }
}
