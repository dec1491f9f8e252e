// swift-tools-version:6.1
import Foundation
import PackageDescription

/// Files embedded in the binary (one file to deploy): every file in a target's folders, so adding
/// one needs no change here — the web console's templates and static files, and the catalogs of
/// words every page, report and printable is written with.
func embedded(_ target: String, _ folders: [String]) -> [Resource] {
    folders.flatMap { folder -> [Resource] in
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Sources/\(target)/\(folder)").path
        let files = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return files.sorted().filter { !$0.hasPrefix(".") }.map { Resource.embedInCode("\(folder)/\($0)") }
    }
}

let package = Package(
    name: "adal",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "adal", targets: ["adal"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        .target(
            name: "AdalDomain",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "AdalStore",
            dependencies: [
                "AdalDomain",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
        ),
        .target(
            name: "AdalCore",
            dependencies: [
                "AdalDomain",
                "AdalStore",
                "AdalIntake",
                "AdalReports",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "AdalIntake",
            dependencies: ["AdalDomain", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "AdalAPI",
            dependencies: [
                "AdalCore", "AdalDomain", "AdalIntake", "AdalStore", "AdalReports",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.embedInCode("Resources/openapi.json")]
        ),
        .target(
            name: "AdalWeb",
            dependencies: [
                "AdalAPI", "AdalCore", "AdalDomain", "AdalIntake", "AdalReports", "AdalStore", "AdalText",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: embedded("AdalWeb", ["Templates", "Static"])
        ),
        .target(
            name: "AdalJobs",
            dependencies: [
                "AdalCore", "AdalDomain", "AdalReports", "AdalStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .target(
            name: "AdalText",
            dependencies: ["AdalDomain"],
            resources: embedded("AdalText", ["Catalogs"])
        ),
        .target(
            name: "AdalReports",
            dependencies: ["AdalDomain", "AdalText"]
        ),
        .executableTarget(
            name: "adal",
            dependencies: [
                "AdalAPI",
                "AdalWeb",
                "AdalReports",
                "AdalJobs",
                "AdalCore",
                "AdalIntake",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "adal-benchmarks",
            dependencies: ["AdalCore"],
            path: "Benchmarks/RegisterVolunteers"
        ),
        .testTarget(
            name: "AdalDomainTests",
            dependencies: ["AdalDomain"]
        ),
        .testTarget(
            name: "AdalTests",
            dependencies: [
                "AdalCore", "AdalDomain", "AdalIntake", "AdalStore", "AdalReports", "AdalJobs", "AdalAPI", "AdalWeb", "AdalText",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
