/// Run colours: the Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008), which stays
/// distinguishable for the common colour-vision deficiencies, without its yellow (too pale on
/// white). Colour `k` is `colours[k % count]`.
public enum Palette {
    /// Blue, vermillion, bluish green, reddish purple, orange, sky blue, black.
    public static let colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]

    /// The colour of run `index` (cycling).
    public static func colour(_ index: Int) -> String { colours[((index % colours.count) + colours.count) % colours.count] }
}
