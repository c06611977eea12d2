package dev.deskbridge.connector.zendesk.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.zendesk.client.v2.model.Ticket;

/**
 * A ticket update (or a new ticket) with what the library's {@link Ticket} lacks: Zendesk's
 * {@code additional_tags} and {@code remove_tags}, which change some tags without reading and
 * rewriting the whole list, and {@code metadata}, which Zendesk keeps on the update's audit as
 * {@code metadata.custom} (DeskBridge's write marker lives there).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TicketChange extends Ticket {
    private static final long serialVersionUID = 1L;
    private List<String> additionalTags;
    private List<String> removeTags;
    private Map<String, String> metadata;

    /** A new ticket. */
    public TicketChange() {
        // the id comes from Zendesk
    }

    /** A change to the ticket with this id. */
    public TicketChange(long ticketId) {
        setId(ticketId);
    }

    /** Custom metadata for the audit this write creates. */
    @JsonProperty("metadata")
    public Map<String, String> getMetadata() {
        return metadata;
    }

    public void setMetadata(Map<String, String> metadata) {
        this.metadata = metadata == null ? null : Map.copyOf(metadata);
    }

    @JsonProperty("additional_tags")
    public List<String> getAdditionalTags() {
        return additionalTags;
    }

    public void setAdditionalTags(List<String> tags) {
        this.additionalTags = tags == null ? null : List.copyOf(tags);
    }

    @JsonProperty("remove_tags")
    public List<String> getRemoveTags() {
        return removeTags;
    }

    public void setRemoveTags(List<String> tags) {
        this.removeTags = tags == null ? null : List.copyOf(tags);
    }
}
