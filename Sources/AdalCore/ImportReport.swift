/// What one import run did, for the table or JSON the CLI prints.
public struct ImportReport: Codable, Sendable {
    public let runID: Int64
    public let source: String
    public let records: Int
    public let new: Int
    public let alreadyPresent: Int
    public let followUps: Int
    public let rejected: Int
    /// Messages an earlier run refused for good, skipped unread (not counted in `rejected` again).
    public let refusedEarlier: Int
    public let withProblems: Int
    public let rejections: [Rejection]

    public struct Rejection: Codable, Sendable {
        public let record: Int
        public let reason: String
    }
}
