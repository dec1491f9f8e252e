@testable import AdalStore
import Foundation
import Logging
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A TCP port that takes connections into its backlog and never answers: a database host that is
/// there but does not speak, as PostgreSQL is while it starts or when its machine hangs.
private final class SilentListener {
    let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && listen(descriptor, 16) == 0
                    && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else {
            close(descriptor)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}

@Suite("Database deadlines")
struct DatabaseDeadlineTests {
    @Test("a database that takes the connection and never answers: the wait for a connection is given up at the timeout as 'unavailable', and the pool counts nothing waiting or in use after")
    func silentDatabase() async throws {
        let listener = try SilentListener()
        var target = DatabaseTarget(endpoint: .tcp(host: "127.0.0.1", port: listener.port), username: "adal", password: nil,
                                    database: "adal", tls: .disable)
        target.timeout = .milliseconds(500)
        try await Database.with(target, maximumConnections: 2, logger: Logger(label: "adal.test")) { database in
            for _ in 1...2 {
                let error = await #expect(throws: StoreError.self) { try await database.withConnection { _ in 1 } }
                #expect(error?.isUnavailable == true)
                #expect(error?.underlying is ConnectionWaitTimedOut, "\(String(describing: error))")
                let error2 = await #expect(throws: StoreError.self) { try await database.transaction { _ in 1 } }
                #expect(error2?.underlying is ConnectionWaitTimedOut)
            }
            #expect(database.poolUse.waiting == 0)
            #expect(database.poolUse.inUse == 0)
        }
    }

    @Test("a pool without a timeout (migrations, backups) is unchanged: its operations run as before")
    func untimedPool() async throws {
        try await TestDatabase.withTarget { target in
            #expect(target.timeout == nil)
            try await Database.with(target, maximumConnections: 2, logger: Logger(label: "adal.test")) { database in
                let answer = try await database.withConnection { connection in
                    try await connection.query("SELECT 41 + 1", logger: database.logger).collect().first?.decode(Int.self)
                }
                #expect(answer == 42)
                #expect(database.poolUse.waiting == 0)
            }
        }
    }
}
