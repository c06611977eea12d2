package dev.deskbridge.host.reports;

/** How a report is printed. */
public enum ReportFormat {
    /** Aligned columns for a terminal. */
    TABLE,
    /** RFC 4180 CSV with a header row, for spreadsheets. */
    CSV,
    /** The admin API's JSON. */
    JSON
}
