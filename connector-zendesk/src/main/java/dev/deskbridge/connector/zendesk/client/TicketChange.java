package dev.deskbridge.connector.zendesk.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.zendesk.client.v2.model.Ticket;

/**
 * A ticket update with Zendesk's {@code additional_tags} and {@code remove_tags}, which change
 * some tags without reading and rewriting the whole list (the library's {@link Ticket} lacks them).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TicketChange extends Ticket {
    private static final long serialVersionUID = 1L;
    private List<String> additionalTags;
    private List<String> removeTags;

    /** A change to the ticket with this id. */
    public TicketChange(long ticketId) {
        setId(ticketId);
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
