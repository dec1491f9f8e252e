import AdalCore
import AdalDomain
import AdalIntake
import Foundation

/// The tests' short ways to import: a file read from the fixtures, then `Imports.run`, as the CLI does.
extension EOtinishFile {
    static func read(path: String, charset: SingleByteCharset? = nil) throws -> Contents {
        guard let data = FileManager.default.contents(atPath: path) else { throw FieldError("file", "cannot read \(path)") }
        return try read(data, name: URL(fileURLWithPath: path).lastPathComponent, charset: charset)
    }
}

struct EOtinishImport {
    let context: AdalContext
    init(_ context: AdalContext) { self.context = context }

    func run(_ contents: EOtinishFile.Contents, source: String, actor: String, batchSize: Int = 2000) async throws -> ImportReport {
        try await Imports(context).run(source: .eotinish(source), records: .eotinish(contents), actor: actor, batchSize: batchSize)
    }
}

struct EmailImport {
    let context: AdalContext
    init(_ context: AdalContext) { self.context = context }

    static func messageFiles(at path: String) throws -> [String] { try Mailbox.paths(at: path) }

    func run(path: String, officeCode: String?, actor: String) async throws -> ImportReport {
        try await Imports(context).run(source: .mailbox(URL(fileURLWithPath: path).lastPathComponent, office: officeCode),
                                       records: .messages(Mailbox.files(at: path)), actor: actor)
    }
}
