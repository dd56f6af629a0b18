/// The library's version, written into every run's metadata.
public enum AllianceGraphVersion {
    public static let string = "0.1.0"
}
