import AdalCore
import AdalDomain
import AdalStore
import ArgumentParser
import Foundation
import Logging
import NIOCore
import NIOPosix

// `adal worker` spends its time awaiting its SMTP and PostgreSQL channels: its tasks run on NIO's
// event loops, where those channels live, instead of switching threads at every await (measured:
// half the system time). Set before any task starts; ADAL_NIO_EXECUTOR=0 keeps Swift's own pool.
if CommandLine.arguments.dropFirst().first == "worker", (try? CommonOptions.loaded.get())?.mail.nioExecutor ?? true {
    NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
}

LoggingSystem.bootstrap(StreamLogHandler.standardError)

/// Exit 0 on success, 1 on a refusal with a one-line reason, 2 on a usage error.
func runAdal() async -> Int32 {
    do {
        var command = try Adal.parseAsRoot()
        if var asyncCommand = command as? any AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
        return 0
    } catch let error as ExitCode {
        return error.rawValue
    } catch {
        if let reason = refusal(error) {
            FileHandle.standardError.write(Data("adal: \(reason)\n".utf8))
            return 1
        }
        let code = Adal.exitCode(for: error)
        if code == .success {
            print(Adal.fullMessage(for: error))
            return 0
        }
        if code == .validationFailure {
            FileHandle.standardError.write(Data((Adal.fullMessage(for: error) + "\n").utf8))
            return 2
        }
        FileHandle.standardError.write(Data("adal: \(error)\n".utf8))
        return 1
    }
}

/// The one-line reason for errors that are a refusal of the input or of the situation, not a bug.
func refusal(_ error: any Error) -> String? {
    switch error {
    case let error as StoreError: return "database: \(error)"
    case is ValidationFailure, is FieldError, is AdalError, is PendingMigrations, is ClusterError, is MigrationProblem,
         is ConfigurationProblems:
        return "\(error)"
    default: return nil
    }
}

// Secrets given as files (NAME_FILE) become settings before anything reads them. `adal config
// check` lists such problems with every other; any other command stops at the first.
if let problem = SecretFiles.process.problems.first, !CommandLine.arguments.dropFirst().starts(with: ["config", "check"]) {
    FileHandle.standardError.write(Data("adal: \(problem)\n".utf8))
    exit(1)
}
exit(await runAdal())
