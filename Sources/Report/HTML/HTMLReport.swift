/// A self-contained HTML report: a title and blocks (headings, paragraphs, inline SVG figures,
/// tables, preformatted text), written by `html()` as one file with its style sheet inline and no
/// reference to anything outside it (no scripts, fonts or images to fetch), so it opens offline.
///
/// The text is polyglot HTML5: also well-formed XML (every element closed, attributes quoted,
/// text escaped), so XML tools can read it.
///
/// ```swift
/// var report = HTMLReport(title: "Abrupt stop vs taper")
/// report.blocks.append(.figure(figure.svg()))
/// report.blocks.append(.table(HTMLReport.Table(header: ["quantity", "abrupt"], rows: [["withdrawal_peak", "0.41"]])))
/// let page = report.html()
/// ```
public struct HTMLReport: Sendable, Equatable {
    /// A table: a header row and body rows of text (rows shorter than the header are padded).
    /// Cells that read as numbers are right-aligned.
    public struct Table: Sendable, Equatable {
        /// A caption above the table, or `nil`.
        public var caption: String?
        /// Column titles.
        public var header: [String]
        /// Body rows.
        public var rows: [[String]]

        /// A table.
        public init(caption: String? = nil, header: [String], rows: [[String]]) {
            self.caption = caption
            self.header = header
            self.rows = rows
        }
    }

    /// One piece of the page, in reading order.
    public enum Block: Sendable, Equatable {
        /// A section heading.
        case heading(String)
        /// A paragraph of text.
        case paragraph(String)
        /// An SVG document (e.g. `Figure.svg()`), inlined as markup.
        case figure(String)
        /// A table.
        case table(Table)
        /// Text shown as is, in a monospace font (e.g. a regimen or a command line).
        case preformatted(String)
    }

    /// The page title (also the first heading).
    public var title: String
    /// The blocks after the title.
    public var blocks: [Block]

    /// A report.
    public init(title: String, blocks: [Block] = []) {
        self.title = title
        self.blocks = blocks
    }

    /// The style sheet, inline in the page.
    static let style = """
    body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 24px auto; max-width: 960px; color: #222; }
    h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; border-bottom: 1px solid #ddd; }
    figure { margin: 12px 0; } svg { max-width: 100%; height: auto; }
    .table { overflow-x: auto; } table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
    caption { text-align: left; font-weight: bold; padding: 4px 0; }
    th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: left; } th { background: #f2f2f2; }
    td.number { text-align: right; font-variant-numeric: tabular-nums; }
    pre { background: #f6f6f6; padding: 8px; white-space: pre-wrap; }
    """

    /// The whole page.
    public func html() -> String {
        var page = "<!DOCTYPE html>\n<html lang=\"en\" xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        page += "<title>" + SVGWriter.escape(title) + "</title>\n<style>\n" + Self.style + "\n</style>\n</head>\n<body>\n"
        page += "<h1>" + SVGWriter.escape(title) + "</h1>\n"
        for block in blocks {
            switch block {
            case .heading(let text): page += "<h2>" + SVGWriter.escape(text) + "</h2>\n"
            case .paragraph(let text): page += "<p>" + SVGWriter.escape(text) + "</p>\n"
            case .preformatted(let text): page += "<pre>" + SVGWriter.escape(text) + "</pre>\n"
            case .figure(let svg): page += "<figure>\n" + svg + "</figure>\n"
            case .table(let table): page += Self.render(table)
            }
        }
        return page + "</body>\n</html>\n"
    }

    static func render(_ table: Table) -> String {
        var text = "<div class=\"table\"><table>\n"
        if let caption = table.caption { text += "<caption>" + SVGWriter.escape(caption) + "</caption>\n" }
        text += "<thead><tr>" + table.header.map { "<th>" + SVGWriter.escape($0) + "</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            text += "<tr>"
            for column in 0..<max(row.count, table.header.count) {
                let cell = column < row.count ? row[column] : ""
                text += (isNumber(cell) ? "<td class=\"number\">" : "<td>") + SVGWriter.escape(cell) + "</td>"
            }
            text += "</tr>\n"
        }
        return text + "</tbody>\n</table></div>\n"
    }

    static func isNumber(_ text: String) -> Bool { !text.isEmpty && Double(text) != nil }
}
