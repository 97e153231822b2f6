import Foundation
import Testing
@testable import Sweep

@Suite struct OutputManifestTests {
    static let manifest = RunManifest(
        version: "0.1.0", command: ["benzosim", "population", "--count", "100", "-o", "out/pop.csv"],
        seed: 42, method: "rodas5p", tolerances: .init(rtol: 1e-8, atol: 1e-10),
        shard: try! Shard(index: 2, count: 4), threads: 8, count: 100,
        parameters: ["CL": 1.6, "V1": 21, "Ki_tspo_tmz": .infinity],
        assignments: ["CL", "age"], settings: ["species": "human", "regimen": "10mg po q24h for 180d"])

    @Test func jsonHasSortedKeysAndEveryField() throws {
        let json = try Self.manifest.json()
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        #expect(Set(object.keys) == ["assignments", "command", "count", "method", "parameters", "seed", "settings",
                                     "shard", "threads", "tolerances", "version"])
        #expect(object["seed"] as? Int == 42)
        #expect(object["shard"] as? String == "2/4")
        #expect(object["method"] as? String == "rodas5p")
        #expect((object["tolerances"] as? [String: Double]) == ["rtol": 1e-8, "atol": 1e-10])
        #expect((object["command"] as? [String])?.last == "out/pop.csv")
        let parameters = object["parameters"] as! [String: Any]
        #expect(parameters["CL"] as? Double == 1.6)
        #expect(parameters["Ki_tspo_tmz"] as? String == "inf")
        // Keys appear in sorted order and the text is indented.
        let topLevel = ["\"assignments\"", "\"command\"", "\"count\"", "\"method\"", "\"parameters\"", "\"seed\"",
                        "\"settings\"", "\"shard\"", "\"threads\"", "\"tolerances\"", "\"version\""]
        let positions = topLevel.map { json.range(of: "\n  " + $0)!.lowerBound }
        #expect(positions == positions.sorted())
        #expect(json.hasSuffix("}\n"))
        #expect(json.contains("\"out/pop.csv\""))   // slashes not escaped
        #expect(try RunManifest.decode(json) == Self.manifest)
    }

    @Test func noSeedMeansNoSeedKey() throws {
        var manifest = Self.manifest
        manifest.seed = nil
        let object = try JSONSerialization.jsonObject(with: Data(try manifest.json().utf8)) as! [String: Any]
        #expect(object["seed"] == nil)
    }

    @Test func writtenAtomicallyBesideTheOutput() throws {
        let dir = try outputScratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try Self.manifest.write(beside: dir + "/pop.csv")
        #expect(path == dir + "/pop.csv.manifest.json")
        #expect(outputDirectoryListing(dir) == ["pop.csv.manifest.json"])
        #expect(try RunManifest.decode(String(contentsOfFile: path!, encoding: .utf8)) == Self.manifest)
        #expect(RunManifest.path(beside: "-") == nil)
        #expect(try Self.manifest.write(beside: "-") == nil)
    }
}
