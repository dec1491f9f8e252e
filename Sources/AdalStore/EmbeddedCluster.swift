import AdalDomain
import Foundation
import Logging

/// Adal's private PostgreSQL cluster, used when no `DATABASE_URL` is given.
///
/// It lives under `$ADAL_HOME` (`.adal/` in the working directory by default): created with
/// `initdb` on first use, started on a Unix socket and on 127.0.0.1, started again when down.
/// `initdb` refuses root, so as root the cluster runs as the `postgres` OS user (or an `adal`
/// user created for it); when that user cannot reach `$ADAL_HOME`, the cluster's data lives in
/// a folder it owns under `/var/tmp`, keyed by `$ADAL_HOME`'s path.
public struct EmbeddedCluster: Sendable {
    public let home: String
    public let binDirectory: String
    public let dataDirectory: String
    public let socketDirectory: String
    /// The OS user the server runs as, when it is not the current one.
    public let runAs: String?
    public static let superuser = "adal"
    public static let defaultDatabase = "adal"

    /// `binaries`: PostgreSQL's program folder (`ADAL_PG_BIN`); nil, the newest packaged one.
    public init(home: String, binaries: String? = nil) throws {
        let home = URL(fileURLWithPath: home).standardizedFileURL.path
        self.home = home
        binDirectory = try Self.findBinaries(explicit: binaries)
        let key = Self.shortKey(home)
        if getuid() == 0 {
            let user = try Self.ensureClusterUser()
            runAs = user
            if Self.canReach(home, as: user) {
                dataDirectory = home + "/pgdata"
            } else {
                dataDirectory = "/var/tmp/adal-clusters/\(key)/pgdata"
            }
        } else {
            runAs = nil
            dataDirectory = home + "/pgdata"
        }
        // A Unix socket path may hold at most 107 bytes.
        let preferredSocket = home + "/run"
        if preferredSocket.utf8.count + 20 < 107 && (runAs == nil || Self.canReach(home, as: runAs!)) {
            socketDirectory = preferredSocket
        } else {
            socketDirectory = "/tmp/adal-\(key)"
        }
    }

    var portFile: String { dataDirectory + "/adal_port.conf" }
    var logFile: String { dataDirectory + "/../postgresql.log" }

    public var port: Int? {
        guard let text = try? String(contentsOfFile: portFile, encoding: .utf8) else { return nil }
        return text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }.first
    }

    /// The URL clients use: the Unix socket, with no password.
    public func target(database: String = defaultDatabase) -> DatabaseTarget {
        DatabaseTarget(endpoint: .socket(path: "\(socketDirectory)/.s.PGSQL.\(port ?? 5432)"),
                       username: Self.superuser, password: nil, database: database, tls: .disable)
    }

    public var isInitialised: Bool {
        FileManager.default.fileExists(atPath: dataDirectory + "/PG_VERSION")
    }

    public func isRunning() -> Bool {
        guard isInitialised else { return false }
        return (try? run(tool("pg_ctl"), ["status", "-D", dataDirectory], asClusterUser: true).status) == 0
    }

    /// Creates the cluster if needed and starts it if it is down. Returns whether it was started now.
    @discardableResult
    public func start(logger: Logger) throws -> Bool {
        // Several processes (parallel tests, a CLI beside a server) may start it at once.
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let lock = open(home + "/cluster.lock", O_CREAT | O_RDWR, 0o600)
        guard lock >= 0 else { throw ClusterError("cannot open \(home)/cluster.lock") }
        defer { close(lock) }
        flock(lock, LOCK_EX)
        defer { flock(lock, LOCK_UN) }
        if !isInitialised { try initialise(logger: logger) }
        if isRunning() { return false }
        try prepareFolder(socketDirectory, mode: 0o700)
        if let port, Self.isPortFree(port) == false {
            try writePort(Self.freePort(), logger: logger)
        }
        let result = try run(tool("pg_ctl"), ["start", "-w", "-t", "60", "-D", dataDirectory, "-l", logFile],
                             asClusterUser: true)
        guard result.status == 0 else {
            throw ClusterError("PostgreSQL did not start (see \(logFile)): \(result.output.suffix(400))")
        }
        logger.info("embedded database started", metadata: ["data": "\(dataDirectory)", "port": "\(port ?? 0)"])
        return true
    }

    public func stop() throws {
        guard isRunning() else { return }
        let result = try run(tool("pg_ctl"), ["stop", "-w", "-m", "fast", "-D", dataDirectory], asClusterUser: true)
        guard result.status == 0 else { throw ClusterError("PostgreSQL did not stop: \(result.output.suffix(400))") }
    }

    func initialise(logger: Logger) throws {
        let parent = (dataDirectory as NSString).deletingLastPathComponent
        try prepareFolder(parent, mode: 0o700)
        logger.info("creating the embedded database", metadata: ["data": "\(dataDirectory)"])
        let result = try run(tool("initdb"), [
            "-D", dataDirectory, "-U", Self.superuser, "--encoding=UTF8", "--locale=C.UTF-8",
            "--locale-provider=icu", "--icu-locale=und", "--auth-local=trust", "--auth-host=scram-sha-256",
        ], asClusterUser: true)
        guard result.status == 0 else { throw ClusterError("initdb failed: \(result.output.suffix(600))") }
        let settings = """

            # Adal's embedded cluster
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '\(socketDirectory)'
            max_connections = 200
            shared_buffers = 256MB
            fsync = on
            include_if_exists = 'adal_port.conf'

            """
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: dataDirectory + "/postgresql.conf"))
        handle.seekToEndOfFile()
        handle.write(Data(settings.utf8))
        try handle.close()
        try writePort(Self.freePort(), logger: logger)
    }

    func writePort(_ port: Int, logger: Logger) throws {
        try "port = \(port)\n".write(toFile: portFile, atomically: true, encoding: .utf8)
        if let runAs { _ = try run("/bin/chown", [runAs, portFile], asClusterUser: false) }
        logger.debug("embedded database port", metadata: ["port": "\(port)"])
    }

    /// Creates `path` for the cluster's user; folders above it are made passable (0755) when new.
    func prepareFolder(_ path: String, mode: Int) throws {
        let parent = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        if !FileManager.default.fileExists(atPath: path) {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: mode])
        }
        if let runAs {
            _ = try run("/bin/chown", [runAs, path], asClusterUser: false)
        }
    }

    func tool(_ name: String) -> String { binDirectory + "/" + name }

    func run(_ executable: String, _ arguments: [String], asClusterUser: Bool) throws -> (status: Int32, output: String) {
        if asClusterUser, let runAs {
            // From `/`: the cluster's user may not be allowed into the working directory.
            return try Self.spawn("/usr/sbin/runuser", ["-u", runAs, "--", "/usr/bin/env", "-C", "/", executable] + arguments)
        }
        return try Self.spawn(executable, arguments)
    }

    /// Runs a program to completion with `posix_spawn` and `waitpid`, its output in a file.
    ///
    /// Not Foundation's `Process`: on Linux its `waitUntilExit` can miss the exit of `pg_ctl start`,
    /// whose server lives on with the descriptors it inherited, and then waits forever.
    static func spawn(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let outputPath = NSTemporaryDirectory() + "adal-\(UUID().uuidString).out"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw ClusterError("cannot run \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // WIFEXITED / WEXITSTATUS, which Swift does not import as functions.
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exitCode, output)
    }

    static func findBinaries(explicit: String?) throws -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let folder = newestBinaries(having: "initdb") { return folder }
        throw ClusterError("no PostgreSQL 15+ server found under \(packagedRoot); install it (apt-get install -y postgresql) or set DATABASE_URL")
    }

    static let packagedRoot = "/usr/lib/postgresql"

    /// The newest Debian-packaged PostgreSQL's program folder (15 or later) that has `program`.
    static func newestBinaries(having program: String) -> String? {
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: packagedRoot)) ?? [])
            .compactMap(Int.init).filter { $0 >= 15 }.sorted(by: >)
        return versions.map { "\(packagedRoot)/\($0)/bin" }
            .first { FileManager.default.isExecutableFile(atPath: "\($0)/\(program)") }
    }

    static func ensureClusterUser() throws -> String {
        for candidate in ["postgres", "adal"] where getpwnam(candidate) != nil { return candidate }
        let result = try spawn("/usr/sbin/useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "adal"])
        guard result.status == 0 else {
            throw ClusterError("could not create the OS user 'adal' for the database: \(result.output)")
        }
        return "adal"
    }

    /// Whether `user` may enter every folder on the way to `path` (the folders that exist).
    static func canReach(_ path: String, as user: String) -> Bool {
        guard let entry = getpwnam(user) else { return false }
        let uid = entry.pointee.pw_uid, gid = entry.pointee.pw_gid
        var current = URL(fileURLWithPath: path)
        var folders: [String] = []
        while current.path != "/" {
            folders.append(current.path)
            current.deleteLastPathComponent()
        }
        for folder in folders {
            var info = stat()
            guard stat(folder, &info) == 0 else { continue }
            let mode = info.st_mode
            let allowed = info.st_uid == uid ? (mode & 0o100) != 0
                : info.st_gid == gid ? (mode & 0o010) != 0
                : (mode & 0o001) != 0
            if !allowed { return false }
        }
        return true
    }

    static func shortKey(_ path: String) -> String {
        // FNV-1a: stable across runs, unlike Swift's seeded `hashValue`.
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in path.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100000001b3
        }
        return String(hash, radix: 36)
    }

    static func isPortFree(_ port: Int) -> Bool {
        bind(port: port) != nil
    }

    public static func freePort() throws -> Int {
        guard let port = bind(port: 0) else { throw ClusterError("no free TCP port on 127.0.0.1") }
        return port
    }

    /// Binds 127.0.0.1:`port` and releases it, returning the port bound, or nil when it is taken.
    private static func bind(port: Int) -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { return nil }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

public struct ClusterError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
