import AdalCore
import ArgumentParser
import Foundation

struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dev", abstract: "Tools for developers: synthetic data.",
                                                    subcommands: [Generate.self])

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fill the database with a synthetic world: people, events, who took part, volunteers, applications.",
            discussion: """
                People get names in their country's script and valid national IDs; events spread over three years and \
                the regions, linked to plan items; a volunteer and an application for every twentieth person. Written with \
                COPY in one transaction. Refuses a database where anything beyond seeding was done, unless --force; \
                run it once per database (national IDs and references would repeat).
                """)
        @OptionGroup var common: CommonOptions
        @Option var people: Int = 10_000
        @Option var events: Int = 1_000
        @Option var participations: Int = 20_000
        @Option(help: "The random seed: the same seed makes the same world.") var seed: UInt64 = 2026
        @Flag(help: "Generate even into a database that holds records made by people.") var force = false

        func run() async throws {
            let size = SyntheticWorld.Size(people: people, events: events, participations: participations)
            let (force, seed, actor) = (self.force, self.seed, common.actingUser)
            let started = ContinuousClock.now
            let counts = try await common.withContext { context in
                try await SyntheticWorld(context).generate(size, force: force, seed: seed, actor: actor) { stage, done, total in
                    let width = 30
                    let filled = total == 0 ? width : width * done / max(total, 1)
                    let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
                    FileHandle.standardError.write(Data("\r\(stage.padding(toLength: 15, withPad: " ", startingAt: 0)) \(bar) \(done)/\(total)   ".utf8))
                    if done >= total { FileHandle.standardError.write(Data("\n".utf8)) }
                }
            }
            let seconds = Double((ContinuousClock.now - started).components.seconds)
            print("people \(counts.people), events \(counts.events) (\(counts.planLinks) linked to plan items), participations "
                  + "\(counts.participations), volunteers \(counts.volunteers), applications \(counts.applications) in \(Int(seconds)) s")
        }
    }
}
