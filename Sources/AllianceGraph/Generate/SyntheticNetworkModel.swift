/// How `SyntheticNetwork` places the ties of a generated network.
public enum SyntheticNetworkModel: String, CaseIterable, Hashable, Sendable {
    /// States on a seeded 2-D map; ties mostly among near neighbours (`RegionalTies`).
    case regional
    /// Preferential attachment: a few hubs with many ties, a power-law degree tail
    /// (`PreferentialAttachmentTies`).
    case scaleFree = "scale-free"
}
