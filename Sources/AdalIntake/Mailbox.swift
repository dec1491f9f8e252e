import AdalDomain
import Foundation

/// One message file of a mailbox: its name, and its bytes (nil when it could not be read, or was
/// not read: `skipped` says why).
public struct MailFile: Sendable {
    public let name: String
    public let contents: Data?
    public let skipped: String?

    public init(name: String, contents: Data?, skipped: String? = nil) {
        self.name = name
        self.contents = contents
        self.skipped = skipped
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

    /// The message files at `path`, read. Only regular files are: an entry that is a symbolic link
    /// (which could point at any file the importing user may read), a folder, a device or a pipe is
    /// skipped and reported, and is not followed — the check and the read are of one open file.
    ///
    /// They come in the order they were received — a Maildir file's name begins with its delivery
    /// time, else its `Date:` says — across `new/` and `cur/`, so a reply comes after what it answers.
    public static func files(at path: String) throws -> [MailFile] {
        let files = try paths(at: path).map { read($0) }
        let times = files.map(received)
        return files.indices.sorted { a, b in
            switch (times[a], times[b]) {
            case let (x?, y?) where x != y: return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a < b
            }
        }.map { files[$0] }
    }

    /// When a message was received: the seconds a Maildir name begins with, else its `Date:`.
    static func received(_ file: MailFile) -> Double? {
        let digits = file.name.prefix { $0.isASCII && $0.isNumber }
        if digits.count >= 9, file.name.dropFirst(digits.count).first == ".", let seconds = Double(digits) { return seconds }
        return file.contents.flatMap(MIMEMessage.date(of:))?.timeIntervalSince1970
    }

    static func read(_ path: String) -> MailFile {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = errno == ELOOP ? "is a symbolic link; skipped" : "cannot be read"
            return MailFile(name: name, contents: nil, skipped: reason)
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return MailFile(name: name, contents: nil, skipped: "cannot be read") }
        guard status.st_mode & S_IFMT == S_IFREG else {
            return MailFile(name: name, contents: nil, skipped: "is not a regular file; skipped")
        }
        guard let data = try? handle.readToEnd() else { return MailFile(name: name, contents: nil, skipped: "cannot be read") }
        return MailFile(name: name, contents: data)
    }
}
