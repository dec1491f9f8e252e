import AdalStore
import Testing

@Suite("Database URLs")
struct DatabaseTargetTests {
    @Test("TCP URLs with credentials and sslmode")
    func tcp() throws {
        let target = try DatabaseTarget(url: "postgres://office%40kz:s%3Acret@db.example.kz:6432/adal?sslmode=require")
        #expect(target.endpoint == .tcp(host: "db.example.kz", port: 6432))
        #expect(target.username == "office@kz")
        #expect(target.password == "s:cret")
        #expect(target.database == "adal")
        #expect(target.tls == .require)
        #expect(!target.isLocal)
        #expect(!target.redactedURL.contains("s:cret"))
        #expect(!target.redactedURL.contains("s%3Acret"))
    }

    @Test("Unix socket URLs, as adal db url prints them, read back the same")
    func socket() throws {
        let target = try DatabaseTarget(url: "postgresql://adal@/adal_test?host=/tmp/adal-x&port=5433")
        #expect(target.endpoint == .socket(path: "/tmp/adal-x/.s.PGSQL.5433"))
        #expect(target.isLocal)
        #expect(try DatabaseTarget(url: target.redactedURL) == target)
    }

    @Test("bad URLs are refused naming DATABASE_URL", arguments: ["mysql://x@y/z", "postgres://x@y/z?sslmode=sometimes", "not a url"])
    func refused(url: String) {
        #expect { try DatabaseTarget(url: url) } throws: { "\($0)".contains("DATABASE_URL") }
    }
}
