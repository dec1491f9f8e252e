import AdalCore
import AdalDomain
import AdalIntake
import ArgumentParser
import Foundation

struct CertificatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "certificates", abstract: "Check certificates.",
                                                    subcommands: [Verify.self, Print.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Whose a certificate is, for which event and date.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: FormatOption
        @Argument var number: String
        @Option(help: "The check code printed beside the number.") var code: String

        func run() async throws {
            let (number, code) = (self.number, self.code)
            guard let record = try await common.withContext({ context in
                try await Certificates(context).verify(number, checkCode: code)
            }) else {
                throw AdalError.notFound(entity: "certificate with this number and check code", key: number)
            }
            Output.print(record, format: output.format) {
                Table(columns: ["number", "holder", "event", "date", "office"],
                      rows: [[record.number, record.holder, record.eventTitle, record.eventDate?.description ?? "", record.officeCode]])
            }
        }
    }
}

extension CertificatesCommand {
    struct Print: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "print", abstract: "The certificate as a printable HTML page in its holder's language.")
        @OptionGroup var common: CommonOptions
        @Argument var number: String
        @Option(help: "Another language: kk, ru, uz, az or en.") var lang: String?
        @Option(help: "Write to this file instead of standard output.") var out: String?

        func run() async throws {
            let language = try lang.map { try Language.parse($0, field: "lang") }
            let number = self.number
            let html = try await common.withContext { context in try await Certificates(context).page(number, language: language) }
            try Output.write(html, to: out)
        }
    }
}
