package dev.deskbridge.host.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The few places where Meta's own OpenAPI description (v23.0) contradicts its own examples and
 * documentation, each corrected in the narrowest way the description's intent allows. Applied to
 * the parsed copy before validation; the file itself stays untouched.
 *
 * <p>Every correction keeps validation at least as strict as the author meant: nothing here turns
 * a check off.
 */
final class MetaSpecErrata {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** The button index pattern as published: a character class that refuses "0", "7", "8" and "9". */
    static final String BROKEN_INDEX_PATTERN = "^[2-6, 11-14]$";

    /** What the same property's description says: "Position index of the button (0-9)". */
    static final String INDEX_PATTERN = "^[0-9]$";

    /** Meta's QR code id pattern as published: base32, which refuses the '1' ending every example id. */
    static final String BROKEN_QR_CODE_PATTERN = "^[A-Z2-7]{14}$";

    /** Fourteen upper-case letters and digits, as the examples ({@code ANED2T5QRU7HG1}) are. */
    static final String QR_CODE_PATTERN = "^[A-Z0-9]{14}$";

    private MetaSpecErrata() {}

    /** Applies every correction in place and returns what was done, one line each. */
    static List<String> apply(ObjectNode spec) {
        List<String> log = new ArrayList<>();
        ObjectNode schemas = (ObjectNode) spec.path("components").path("schemas");
        log.add("allOf members with additionalProperties:false read as unevaluatedProperties:false on the whole: "
                + closedAllOfAsUnevaluated(spec) + " schemas");
        log.add("discriminator mappings of allOf hierarchies checked as a dispatch: "
                + discriminatorDispatch(schemas) + " schemas");
        log.add("template button index pattern read as its description says (0-9): "
                + replacePattern(spec, BROKEN_INDEX_PATTERN, INDEX_PATTERN) + " places");
        log.add("sendMessage accepts its own documented read receipt (MarkMessageRequestPayload): "
                + markReadBody(spec));
        log.add("the message_templates listing declares the edge's fields, limit and after: "
                + templateListPaging(spec));
        log.add("QR code ids read as the examples are (14 letters and digits): "
                + replacePattern(spec, BROKEN_QR_CODE_PATTERN, QR_CODE_PATTERN) + " places");
        log.add("every message may carry biz_opaque_callback_data, as Meta's Cloud API reference for sending "
                + "messages documents (echoed in the message's status webhooks): " + messageCallbackData(schemas));
        log.add("a QR code creation is a body without 'code', so an update matches one of createOrUpdateQrCode's "
                + "oneOf: " + creationWithoutCode(schemas));
        log.add("interactive order_details and order_status, which the description's own examples send: "
                + orderMessages(schemas));
        return log;
    }

    /** The two action shapes of the payments messages, as Meta's payments documentation describes them. */
    private static final String ORDER_ACTIONS = """
            [{"required": ["name", "parameters"], "properties": {
               "name": {"type": "string", "enum": ["review_and_pay"]},
               "parameters": {"type": "object", "additionalProperties": false,
                 "required": ["reference_id", "type", "currency", "total_amount", "order"],
                 "properties": {
                   "reference_id": {"type": "string", "minLength": 1},
                   "type": {"type": "string", "enum": ["digital-goods", "physical-goods"]},
                   "payment_type": {"type": "string"},
                   "payment_configuration": {"type": "string"},
                   "payment_settings": {"type": "array", "items": {"type": "object", "required": ["type"]}},
                   "currency": {"type": "string", "enum": ["INR", "BRL"]},
                   "total_amount": {"$ref": "#/components/schemas/OrderAmount__erratum"},
                   "order": {"type": "object", "additionalProperties": false,
                     "required": ["status", "items", "subtotal", "tax"],
                     "properties": {
                       "status": {"type": "string", "enum": ["pending"]},
                       "catalog_id": {"type": "string"},
                       "expiration": {"type": "object"},
                       "items": {"type": "array", "minItems": 1, "items": {"type": "object",
                         "required": ["retailer_id", "name", "amount", "quantity"],
                         "properties": {"retailer_id": {"type": "string"}, "name": {"type": "string"},
                           "amount": {"$ref": "#/components/schemas/OrderAmount__erratum"},
                           "sale_amount": {"$ref": "#/components/schemas/OrderAmount__erratum"},
                           "quantity": {"type": "integer", "minimum": 1}}}},
                       "subtotal": {"$ref": "#/components/schemas/OrderAmount__erratum"},
                       "tax": {"$ref": "#/components/schemas/OrderAmount__erratum"},
                       "shipping": {"$ref": "#/components/schemas/OrderAmount__erratum"},
                       "discount": {"$ref": "#/components/schemas/OrderAmount__erratum"}}}}}}},
             {"required": ["name", "parameters"], "properties": {
               "name": {"type": "string", "enum": ["review_order"]},
               "parameters": {"type": "object", "additionalProperties": false, "required": ["reference_id", "order"],
                 "properties": {
                   "reference_id": {"type": "string", "minLength": 1},
                   "order": {"type": "object", "additionalProperties": false, "required": ["status"],
                     "properties": {
                       "status": {"type": "string", "enum": ["pending", "processing", "partially-shipped", "shipped",
                                                            "completed", "canceled"]},
                       "description": {"type": "string", "maxLength": 120}}}}}}}]""";

    private static final String ORDER_AMOUNT = """
            {"type": "object", "required": ["value", "offset"], "properties": {
              "value": {"type": "integer", "minimum": 0}, "offset": {"type": "integer", "minimum": 1},
              "description": {"type": "string"}, "discount_program_name": {"type": "string"}}}""";

    /**
     * The sendMessage operation's examples "Send Order Details Message" and "Send Order Status
     * Message" send {@code interactive} of type {@code order_details} / {@code order_status} with
     * actions {@code review_and_pay} / {@code review_order}, but InteractiveObject's type enum and
     * ActionObject's oneOf know neither, so both examples fail. The type is added to the enum and
     * each action gets its own closed shape: nothing else is loosened.
     */
    private static String orderMessages(ObjectNode schemas) {
        JsonNode type = schemas.path("InteractiveObject").path("properties").path("type").path("enum");
        JsonNode oneOf = schemas.path("ActionObject").path("oneOf");
        if (!(type instanceof ArrayNode types) || !(oneOf instanceof ArrayNode actions)) {
            throw new IllegalStateException("InteractiveObject.type or ActionObject.oneOf not found where expected");
        }
        types.add("order_details").add("order_status");
        try {
            com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
            m.readTree(ORDER_ACTIONS).forEach(actions::add);
            schemas.set("OrderAmount__erratum", m.readTree(ORDER_AMOUNT));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return "done";
    }

    /**
     * {@code allOf: [Base, {additionalProperties: false, ...}]} refuses every property of Base under
     * JSON Schema 2020-12, so every message Meta documents would fail (its text message example too).
     * The author plainly meant "nothing beyond what the allOf declares", which 2020-12 spells
     * {@code unevaluatedProperties: false} on the schema holding the allOf.
     */
    private static int closedAllOfAsUnevaluated(JsonNode node) {
        int count = 0;
        if (node instanceof ObjectNode o) {
            JsonNode allOf = o.get("allOf");
            if (allOf instanceof ArrayNode members) {
                boolean closed = false;
                for (JsonNode m : members) {
                    if (m instanceof ObjectNode mo && mo.path("additionalProperties").isBoolean()
                            && !mo.get("additionalProperties").booleanValue()) {
                        mo.remove("additionalProperties");
                        closed = true;
                    }
                }
                if (closed) {
                    o.put("unevaluatedProperties", false);
                    count++;
                }
            }
        }
        for (JsonNode child : node) {
            count += closedAllOfAsUnevaluated(child);
        }
        return count;
    }

    /**
     * OpenAPI 3.1 makes {@code discriminator} an annotation, so a parent such as
     * {@code TemplateComponent} whose children say {@code allOf: [parent, ...]} checks nothing of its
     * children: a body parameter without its text would pass. Read the mapping as the author meant
     * (as OpenAPI 3.0 tools do): the parent dispatches on the property to the mapped child, and the
     * children extend a copy of the parent without the dispatch (else the check would recurse).
     */
    private static int discriminatorDispatch(ObjectNode schemas) {
        int count = 0;
        List<String> names = new ArrayList<>();
        schemas.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode schema = schemas.get(name);
            JsonNode mapping = schema.path("discriminator").path("mapping");
            if (!mapping.isObject() || schema.has("oneOf") || schema.has("anyOf")) {
                continue;
            }
            String property = schema.path("discriminator").path("propertyName").asText();
            String baseName = name + "__base";
            ObjectNode base = ((ObjectNode) schema).deepCopy();
            base.remove("discriminator");
            schemas.set(baseName, base);
            ArrayNode dispatch = F.arrayNode();
            dispatch.add(F.objectNode().put("$ref", "#/components/schemas/" + baseName));
            for (Iterator<Map.Entry<String, JsonNode>> it = mapping.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String childRef = e.getValue().asText();
                ObjectNode when = F.objectNode();
                when.putArray("required").add(property);
                when.putObject("properties").putObject(property).put("const", e.getKey());
                ObjectNode rule = F.objectNode();
                rule.set("if", when);
                rule.putObject("then").put("$ref", childRef);
                dispatch.add(rule);
                JsonNode child = schemas.get(childRef.substring(childRef.lastIndexOf('/') + 1));
                if (child != null) {
                    for (JsonNode member : child.path("allOf")) {
                        if (member instanceof ObjectNode mo
                                && ("#/components/schemas/" + name).equals(mo.path("$ref").asText())) {
                            mo.put("$ref", "#/components/schemas/" + baseName);
                        }
                    }
                }
            }
            ObjectNode replaced = F.objectNode();
            replaced.set("allOf", dispatch);
            if (schema.has("description")) {
                replaced.set("description", schema.get("description"));
            }
            schemas.set(name, replaced);
            count++;
        }
        return count;
    }

    /**
     * {@code createOrUpdateQrCode} takes {@code oneOf: [CreateQrCodeRequest, UpdateQrCodeRequest]},
     * and CreateQrCodeRequest is open, so every update (the description's own example
     * {@code update_existing_qr_code}) matches both and fails. The operation says "Create a new QR
     * code (without code parameter)": a creation is read as a body without {@code code}.
     */
    private static boolean creationWithoutCode(ObjectNode schemas) {
        JsonNode create = schemas.get("CreateQrCodeRequest");
        if (!(create instanceof ObjectNode o) || o.has("not")) {
            return false;
        }
        o.putObject("not").putArray("required").add("code");
        return true;
    }

    private static int replacePattern(JsonNode node, String from, String to) {
        int count = 0;
        if (node instanceof ObjectNode o && from.equals(o.path("pattern").asText(null))) {
            o.put("pattern", to);
            count++;
        }
        for (JsonNode child : node) {
            count += replacePattern(child, from, to);
        }
        return count;
    }

    /**
     * The sendMessage operation lists a "Send typing indicator and read receipt" example, and the
     * description defines {@code MarkMessageRequestPayload} for it, but the operation's schema only
     * names {@code Message}, which demands {@code to} and {@code type}. Accept either.
     */
    /**
     * The description declares {@code biz_opaque_callback_data} only for calls, while Meta's Cloud API
     * reference for sending messages documents it on messages too (an arbitrary string of up to 512
     * characters that Meta does not process and returns in the message's status webhooks). Declared
     * on the properties every message kind shares: DeskBridge sends it with every message.
     */
    private static String messageCallbackData(ObjectNode schemas) {
        JsonNode shared = schemas.path("BaseMessageProperties").path("properties");
        if (!(shared instanceof ObjectNode properties) || !properties.has("to")) {
            throw new IllegalStateException("BaseMessageProperties' properties not found where expected");
        }
        properties.set("biz_opaque_callback_data", F.objectNode().put("type", "string").put("maxLength", 512));
        return "done";
    }

    private static String markReadBody(ObjectNode spec) {
        JsonNode media = spec.path("paths").path("/{Version}/{Phone-Number-ID}/messages").path("post")
                .path("requestBody").path("content").path("application/json");
        if (!(media instanceof ObjectNode m) || !m.has("schema")) {
            throw new IllegalStateException("sendMessage request body not found where expected");
        }
        ObjectNode either = F.objectNode();
        ArrayNode oneOf = either.putArray("oneOf");
        oneOf.add(m.get("schema"));
        oneOf.add(F.objectNode().put("$ref", "#/components/schemas/MarkMessageRequestPayload"));
        m.set("schema", either);
        return "done";
    }

    /**
     * {@code GET /{WABA-ID}/message_templates} declares only {@code name}, while its endpoint
     * reference (linked from the operation itself) documents {@code fields}, {@code limit} and the
     * {@code after} cursor of Graph API paging, which the listing's own answer ({@code paging.cursors})
     * is made for. The three are declared with the types the reference gives; nothing else is.
     */
    private static String templateListPaging(ObjectNode spec) {
        JsonNode op = spec.path("paths").path("/{Version}/{WABA-ID}/message_templates").path("get");
        if (!(op.path("parameters") instanceof ArrayNode params)) {
            throw new IllegalStateException("message_templates GET parameters not found where expected");
        }
        params.addObject().put("name", "fields").put("in", "query").putObject("schema").put("type", "string");
        params.addObject().put("name", "limit").put("in", "query").putObject("schema").put("type", "integer")
                .put("minimum", 1);
        params.addObject().put("name", "after").put("in", "query").putObject("schema").put("type", "string");
        return "done";
    }
}
