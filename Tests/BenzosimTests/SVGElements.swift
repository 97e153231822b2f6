import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The elements of an XML document (name, attributes, text), or nil if it is not well-formed.
final class SVGElements: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
    }

    var elements: [Element] = []
    private var open: [Int] = []

    static func parse(_ text: String) -> [Element]? {
        let delegate = SVGElements()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = delegate
        return parser.parse() ? delegate.elements : nil
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String]) {
        open.append(elements.count)
        elements.append(Element(name: name, attributes: attributes))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let last = open.last { elements[last].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    static func numbers(_ text: String?) -> [Double] {
        (text ?? "").split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
    }
}
