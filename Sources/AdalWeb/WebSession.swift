import Crypto
import Foundation
import Hummingbird

/// The console's cookies: the session (the token `POST /v1/sessions` would give, kept where script
/// cannot read it), the sign-in form's own before there is a session, and the CSRF token every
/// form carries, derived from the session so it needs no storage and dies with it.
enum WebSession {
    static let cookie = "adal_session"
    static let signInCookie = "adal_signin"

    static func sessionCookie(_ token: String, secure: Bool) -> Cookie {
        Cookie(name: cookie, value: token, maxAge: Int(12 * 3600), path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    static func expired(_ name: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// A new random value for the sign-in form's cookie.
    static func newSignInNonce() -> String {
        (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }

    /// The token a form must send back: bound to the session it was rendered for.
    static func csrf(for secret: String) -> String {
        SHA256.hash(data: Array("adal console form:\(secret)".utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func csrfMatches(_ sent: String?, session: String) -> Bool {
        guard let sent else { return false }
        let expected = Array(csrf(for: session).utf8), given = Array(sent.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// `next` when it is a path on this site (never another host; not the sign-in page itself
    /// unless `signInToo`, as the language switch on that page needs).
    static func safeNext(_ next: String?, signInToo: Bool = false) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
              !next.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }),
              signInToo || !next.hasPrefix("/sign-in"), !next.hasPrefix("/sign-out") else { return "/" }
        return next
    }

    static func queryEscaped(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
