import Foundation

/// The console's files, embedded in the binary by SwiftPM (`Package.swift` embeds every file of
/// `Templates/` and `Static/`; the catalogs are AdalText's); a file added there is named here too, and a test
/// checks that no file is left out. SwiftPM plans the build again only when Package.swift changes:
/// after adding a file, remove `.build/debug.yaml` (a fresh clone needs nothing).
enum WebResources {
    static let templates: [String: [UInt8]] = [
        "layout": PackageResources.layout_mustache,
        "field": PackageResources.field_mustache,
        "sign_in": PackageResources.sign_in_mustache,
        "today": PackageResources.today_mustache,
        "volunteers": PackageResources.volunteers_mustache,
        "volunteer": PackageResources.volunteer_mustache,
        "volunteer_form": PackageResources.volunteer_form_mustache,
        "volunteer_edit": PackageResources.volunteer_edit_mustache,
        "applications": PackageResources.applications_mustache,
        "application": PackageResources.application_mustache,
        "application_form": PackageResources.application_form_mustache,
        "import_form": PackageResources.import_form_mustache,
        "import_report": PackageResources.import_report_mustache,
        "error": PackageResources.error_mustache,
        "events": PackageResources.events_mustache,
        "event": PackageResources.event_mustache,
        "event_form": PackageResources.event_form_mustache,
        "event_edit": PackageResources.event_edit_mustache,
        "reports": PackageResources.reports_mustache,
        "councils": PackageResources.councils_mustache,
        "council": PackageResources.council_mustache,
        "tasks": PackageResources.tasks_mustache,
        "task": PackageResources.task_mustache,
        "admin_staff": PackageResources.admin_staff_mustache,
        "admin_reminders": PackageResources.admin_reminders_mustache,
        "admin_audit": PackageResources.admin_audit_mustache,
    ]

    /// Served under `/static/` with their media types.
    static let statics: [String: (type: String, bytes: [UInt8])] = [
        "adal.css": ("text/css; charset=utf-8", PackageResources.adal_css),
    ]
}
