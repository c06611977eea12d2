package dev.deskbridge.connector.twilio.stub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stub answers taken from the examples in Twilio's own descriptions, so the stub answers the way
 * Twilio documents it; tests only change the fields they care about.
 */
public final class SpecExamples {
    public static final String API = "/specs/twilio/twilio_api_v2010.json";
    public static final String CONVERSATIONS = "/specs/twilio/twilio_conversations_v1.json";
    public static final String CONTENT = "/specs/twilio/twilio_content_v1.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonNode> SPECS = new ConcurrentHashMap<>();

    private SpecExamples() {}

    /** A copy of a documented example answer. */
    public static ObjectNode example(String spec, String path, String method, String status, String name) {
        JsonNode root = SPECS.computeIfAbsent(spec, s -> {
            try {
                return JSON.readTree(TwilioDescriptions.read(s));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
        JsonNode example = root.path("paths").path(path).path(method).path("responses").path(status)
                .path("content").path("application/json").path("examples").path(name).path("value");
        if (!example.isObject()) {
            throw new IllegalArgumentException("no example " + name + " for " + method + " " + path + " " + status);
        }
        return (ObjectNode) example.deepCopy();
    }

    /** Twilio's error answer: {@code {"code":..,"message":..,"more_info":..,"status":..}}. */
    public static String error(int code, String message, int status) {
        ObjectNode n = JSON.createObjectNode();
        n.put("code", code);
        n.put("message", message);
        n.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        n.put("status", status);
        return n.toString();
    }
}
