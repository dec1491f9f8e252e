import AdalStore
import Foundation

/// Runs a Python script as a real peer (icalendar, email…) on `input`, off Swift's threads, and
/// returns what it prints as a JSON object.
func runPython(_ script: String, input: String, what: String) async throws -> [String: Any] {
    try await offload {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let stdin = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = stdin
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, let fields = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ClusterError("\(what) could not be read: \(problems)")
        }
        return fields
    }
}
