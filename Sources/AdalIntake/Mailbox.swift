import AdalDomain
import Foundation

/// One message file of a mailbox: its name, and its bytes (nil when it could not be read).
public struct MailFile: Sendable {
    public let name: String
    public let contents: Data?

    public init(name: String, contents: Data?) {
        self.name = name
        self.contents = contents
    }
}

/// The message files a registrar points an import at: one `.eml` file, a folder of them, or a
/// Maildir (`new/` and `cur/`). The source is only read.
public enum Mailbox {
    /// The paths of the message files at `path`, in a stable order.
    public static func paths(at path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FieldError("path", "\(path) does not exist")
        }
        guard isDirectory.boolValue else { return [path] }
        let manager = FileManager.default
        let maildir = ["new", "cur"].map { path + "/" + $0 }.filter { manager.fileExists(atPath: $0) }
        if !maildir.isEmpty {
            return try maildir.flatMap { folder in
                try manager.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.sorted().map { folder + "/" + $0 }
            }
        }
        return try manager.contentsOfDirectory(atPath: path).filter { $0.lowercased().hasSuffix(".eml") }.sorted()
            .map { path + "/" + $0 }
    }

    /// The message files at `path`, read.
    public static func files(at path: String) throws -> [MailFile] {
        try paths(at: path).map { MailFile(name: URL(fileURLWithPath: $0).lastPathComponent, contents: FileManager.default.contents(atPath: $0)) }
    }
}
