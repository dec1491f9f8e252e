import AdalDomain
import Foundation

/// Secrets given as files: for each secret setting NAME, `NAME_FILE` names a file that holds its
/// value (a Kubernetes Secret, a Compose secret or a systemd credential mounted read-only), so the
/// value never appears in the process's environment listing or the unit's configuration.
public enum SecretFiles {
    /// The settings that are secrets: they may come from `NAME_FILE`, and are masked when shown.
    public static let names = ["DATABASE_URL", "ADAL_API_DATABASE_URL", "ADAL_REPORTS_DATABASE_URL", "ADAL_SMTP_URL",
                               "ADAL_WEBHOOK_URL", "ADAL_WEBHOOK_SECRET"]

    public struct Resolved: Sendable {
        /// The environment with each `NAME_FILE` read into `NAME`.
        public var environment: [String: String]
        /// The file each setting was read from.
        public var files: [String: String]
        public var problems: [FieldError]
    }

    /// Reads every `NAME_FILE` into `NAME`. A file that cannot be read or is empty, or a setting
    /// given both ways, is a problem named by the variable; the file's last line break is not part
    /// of the value.
    public static func resolve(_ environment: [String: String]) -> Resolved {
        var resolved = Resolved(environment: environment, files: [:], problems: [])
        for name in names {
            guard let path = environment[name + "_FILE"], !path.isEmpty else { continue }
            if let direct = environment[name], !direct.isEmpty {
                resolved.problems.append(FieldError(name + "_FILE", "is set, and so is \(name): give one of them"))
                continue
            }
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                resolved.problems.append(FieldError(name + "_FILE", "cannot read \(path)"))
                continue
            }
            var value = Substring(text)
            while let last = value.last, last == "\n" || last == "\r" { value.removeLast() }
            guard !value.isEmpty else {
                resolved.problems.append(FieldError(name + "_FILE", "\(path) is empty"))
                continue
            }
            resolved.environment[name] = String(value)
            resolved.files[name] = path
        }
        return resolved
    }

    /// The process's own environment, resolved once, with each value read set in it so that every
    /// reader of the environment sees it.
    public static let process: Resolved = {
        let resolved = resolve(ProcessInfo.processInfo.environment)
        for name in resolved.files.keys {
            setenv(name, resolved.environment[name]!, 1)
        }
        return resolved
    }()
}
