import Yams

extension ScenarioFile {
    /// Reads YAML into a document tree, or returns `nil` for a document without content (empty,
    /// or only comments).
    ///
    /// - Throws: a nesting or alias expansion past `limits` (checked first, see
    ///   `checkYAMLBudget`), or the syntax error, located by libyaml's mark.
    static func readYAML(_ text: String, file: String, limits: Limits) throws(InputError) -> Node? {
        try checkYAMLBudget(text, file: file, limits: limits)
        let root: Yams.Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw yamlSyntaxError(error, file: file)
        } catch {
            throw InputError(.data, file: file, "invalid YAML: \(error)")
        }
        guard let root else { return nil }
        let lines = lines(of: text)
        return convert(root, lines: lines)
    }

    private static func position(_ mark: Mark?) -> Position? {
        mark.map { Position(line: $0.line, column: $0.column) }
    }

    private static func convert(_ node: Yams.Node, lines: [Substring]) -> Node {
        switch node {
        case .scalar(let scalar):
            let at = position(scalar.mark)
            switch scalar.style {
            case .plain, .any:
                if ["", "~", "null", "Null", "NULL"].contains(scalar.string) { return Node(.null, at: at) }
                let content = at.flatMap {
                    literalContentColumn(of: scalar.string, in: lines, line: $0.line, column: $0.column, quoted: false)
                }
                return Node(.text(scalar.string, plain: true), at: at, contentColumn: content)
            case .singleQuoted, .doubleQuoted:
                let content = at.flatMap {
                    literalContentColumn(of: scalar.string, in: lines, line: $0.line, column: $0.column, quoted: true)
                }
                return Node(.text(scalar.string, plain: false), at: at, contentColumn: content)
            case .literal, .folded:
                return Node(.text(scalar.string, plain: false), at: at)
            }
        case .mapping(let mapping):
            var entries: [Node.Entry] = []
            for (key, value) in mapping {
                // A key that is not a scalar is never a scenario key; it is named, not constructed
                // (Yams's `Node.any` traps on a mapping whose keys are mappings: `? ? a: 1`, found
                // by scripts/fuzz.sh yaml).
                let keyText: String
                switch key {
                case .scalar(let k): keyText = k.string
                case .mapping: keyText = "(a mapping)"
                case .sequence: keyText = "(a list)"
                case .alias: keyText = "(an alias)"
                }
                entries.append(Node.Entry(key: keyText, keyPosition: position(key.mark), value: convert(value, lines: lines)))
            }
            return Node(.map(entries), at: position(mapping.mark))
        case .sequence(let sequence):
            return Node(.list(sequence.map { convert($0, lines: lines) }), at: position(sequence.mark))
        case .alias(let alias):
            return Node(.other("an alias"), at: position(alias.mark))
        }
    }

    private static func yamlSyntaxError(_ error: YamlError, file: String) -> InputError {
        func problem(_ text: String, _ mark: Mark?, _ context: YamlError.Context?) -> InputError {
            var message = "invalid YAML: \(text)"
            if let context, context.mark.line != mark?.line || context.mark.column != mark?.column {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            return InputError(.data, file: file, line: mark?.line, column: mark?.column, message)
        }
        switch error {
        case .scanner(let context, let text, let mark, _),
             .parser(let context, let text, let mark, _),
             .composer(let context, let text, let mark, _):
            return problem(text, mark, context)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return problem("duplicate key \(keys)", context.mark, nil)
        case .reader(let text, let offset, _, let yaml):
            var at: Position? = nil
            if let offset { at = positionOfUTF8Offset(offset, in: yaml) }
            return InputError(.data, file: file, line: at?.line, column: at?.column, "invalid YAML: \(text)")
        default:
            return InputError(.data, file: file, "invalid YAML: \(error)")
        }
    }

    /// The line and column (Unicode scalars) of a 0-based UTF-8 byte offset into `text`.
    static func positionOfUTF8Offset(_ offset: Int, in text: String) -> Position {
        var line = 1, column = 1, bytes = 0
        for scalar in text.unicodeScalars {
            if bytes >= offset { break }
            bytes += UTF8.width(scalar)
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return Position(line: line, column: column)
    }
}
