import AdalCore
import AdalDomain
import AdalStore
import Foundation
import Logging

/// Registers N volunteers through the `Volunteers.register` use case (validation, person,
/// volunteer, audit entry, one transaction each) from C concurrent tasks, and prints volunteers/s.
/// `Benchmarks/register-volunteers.sh` runs it next to pgbench on the same server.
///
/// Usage: adal-benchmarks [count] [concurrency]   (DATABASE_URL names a migrated, seeded database)

let arguments = CommandLine.arguments
let count = arguments.count > 1 ? Int(arguments[1]) ?? 10_000 : 10_000
let concurrency = arguments.count > 2 ? Int(arguments[2]) ?? 8 : 8
var logger = Logger(label: "adal-benchmarks")
logger.logLevel = .error

/// A valid IIN for the n-th synthetic volunteer: born 1990-01-01 + (n mod 3650) days, serial n.
func syntheticIIN(_ n: Int) -> String {
    var serial = n
    while true {
        let day = serial % 28 + 1, month = (serial / 28) % 12 + 1, year = 60 + (serial / 336) % 40
        let first11 = String(format: "%02d%02d%02d%@%04d", year, month, day, serial % 2 == 0 ? "3" : "4", serial % 10_000)
        let digits = first11.map { Int(String($0))! }
        if let check = NationalID.iinCheckDigit(digits) { return first11 + String(check) }
        serial += 1_000_000  // changes the date, not the serial, so the number stays unique
    }
}

let configuration = try AdalConfiguration.load()
let runID = Int(Date().timeIntervalSince1970) % 1000
let started = try await AdalDatabase.withContext(configuration, logger: logger, maximumConnections: concurrency) { context in
    let volunteers = Volunteers(context)
    let clock = ContinuousClock()
    let start = clock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for worker in 0..<concurrency {
            group.addTask {
                var n = worker
                while n < count {
                    let form = VolunteerRegistrationForm(
                        lastName: "Бенчмарк-\(runID)", firstName: "Ерікті \(n)",
                        nationalID: syntheticIIN(runID * 100_000 + n), country: "KZ", regionCode: "KZ-35",
                        phone: "+7701\(String(format: "%07d", n))", kind: "individual", areas: ["awareness"],
                        language: "kk", consentVersion: "bench")
                    _ = try await volunteers.register(form, actor: "benchmark")
                    n += concurrency
                }
            }
        }
        try await group.waitForAll()
    }
    return clock.now - start
}
let seconds = Double(started.components.seconds) + Double(started.components.attoseconds) / 1e18
print(String(format: "use case: %d volunteers in %.2f s with %d tasks = %.0f volunteers/s", count, seconds, concurrency,
             Double(count) / seconds))
