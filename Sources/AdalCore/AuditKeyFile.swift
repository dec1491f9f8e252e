import AdalDomain
import Foundation

/// The audit chain's key on disk (`ADAL_AUDIT_KEY_FILE`): 64 hex digits, readable by its owner alone.
/// It is not in the database, nor in its backups: whoever restores the database needs it beside.
public enum AuditKeyFile {
    /// The key the file holds; nil when there is no file.
    /// - Throws: `AdalError.configuration` when the file exists but cannot be read or holds no key.
    public static func read(_ path: String) throws -> AuditKey? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AdalError.configuration("ADAL_AUDIT_KEY_FILE: cannot read \(path)")
        }
        do {
            return try AuditKey(fileText: String(decoding: data, as: UTF8.self))
        } catch let error as FieldError {
            throw AdalError.configuration("\(error.field): \(path): \(error.reason)")
        }
    }

    /// The key at `path`, made there first (mode 0600, its folder 0700 when new) when there is none.
    public static func createIfMissing(_ path: String) throws -> AuditKey {
        if let existing = try read(path) { return existing }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let (key, text) = AuditKey.generate()
        // O_EXCL: two first runs at once do not make two keys; the later one reads the first's.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST, let made = try read(path) { return made }
            throw AdalError.configuration("ADAL_AUDIT_KEY_FILE: cannot create \(path): \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: Data(text.utf8))
        try handle.synchronize()
        return key
    }
}
