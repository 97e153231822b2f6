// libyaml itself, through the module Yams builds on: its event stream is the only place where
// nesting and aliases can be measured before Yams composes (recursively) and before the reader
// walks the composed tree, in which every alias is a full copy of its anchor.
import CYaml

extension ScenarioFile {
    /// Checks YAML text against `limits` from libyaml's events, without building anything:
    /// nesting depth (the document's own mapping is level 1), and the nodes that aliases add
    /// when expanded. An alias counts the expanded size of its anchor, so a "billion laughs"
    /// (each level an alias list of the one before) is stopped at its first alias past the limit.
    /// Syntax errors are left to Yams, which reports them with their context.
    ///
    /// - Throws: the first limit exceeded, at the collection or alias that exceeds it.
    static func checkYAMLBudget(_ text: String, file: String, limits: Limits) throws(InputError) {
        var text = text
        let failure: InputError? = text.withUTF8 { bytes in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)

            var open: [(nodes: Int, anchor: String?)] = []  // the collections not yet closed
            var anchored: [String: Int] = [:]               // expanded node count of each anchor
            var added = 0                                   // nodes added by aliases so far
            func close(_ nodes: Int, anchor: String?) {
                if let anchor { anchored[anchor] = nodes }
                if !open.isEmpty { open[open.count - 1].nodes += nodes }
            }
            func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
                pointer.map { String(cString: $0) }
            }
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    // libyaml's own ceiling (1000 levels) can stop it before an event reaches ours.
                    guard let problem = parser.problem, String(cString: problem).hasPrefix("Maximum nesting level") else {
                        return nil  // a syntax error: Yams reports it with its context
                    }
                    let mark = parser.problem_mark
                    let at = Position(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
                    if limits.maxDepth < libyamlMaxDepth { return depthError(file: file, at: at, limits: limits) }
                    return InputError(.data, file: file, line: at.line, column: at.column,
                                      "lists and mappings nested more than \(libyamlMaxDepth) levels deep, "
                                      + "the most the YAML parser reads (a scenario needs 3)")
                }
                defer { yaml_event_delete(&event) }
                let at = Position(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_SCALAR_EVENT:
                    close(1, anchor: name(event.data.scalar.anchor))
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    if open.count >= limits.maxDepth { return depthError(file: file, at: at, limits: limits) }
                    let anchor = event.type == YAML_SEQUENCE_START_EVENT
                        ? name(event.data.sequence_start.anchor) : name(event.data.mapping_start.anchor)
                    open.append((1, anchor))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    if let last = open.popLast() { close(last.nodes, anchor: last.anchor) }
                case YAML_ALIAS_EVENT:
                    // An undefined anchor is Yams's error to report; count it as one node.
                    let nodes = name(event.data.alias.anchor).flatMap { anchored[$0] } ?? 1
                    added += nodes
                    if added > limits.maxAliasNodes { return aliasError(file: file, at: at, limits: limits) }
                    close(nodes, anchor: nil)
                default:
                    break
                }
            }
        }
        if let failure { throw failure }
    }

    /// libyaml's ceiling on nesting (`yaml_set_max_nest_level`, default 1000), which Yams keeps.
    private static let libyamlMaxDepth = 1000

    private static func aliasError(file: String, at position: Position, limits: Limits) -> InputError {
        InputError(.data, file: file, line: position.line, column: position.column,
                   "aliases expand the document by more than \(limits.maxAliasNodes) nodes "
                   + "(aliases of aliases multiply: a \"billion laughs\"); this is the limit for scenario files: "
                   + "set \(Limits.maxAliasNodesVariable) to raise it")
    }
}
