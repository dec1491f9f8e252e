/// The OpenAPI 3.1 description of every route (`Resources/openapi.json`, embedded in the binary
/// by SwiftPM), served at `/openapi.json`. `make test` checks it with openapi-spec-validator, runs
/// schemathesis against a live server with it, and compares it with the router both ways.
public enum OpenAPIDocument {
    public static let bytes: [UInt8] = PackageResources.openapi_json
}
