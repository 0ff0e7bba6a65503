package io.rdbguard.kube;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonIncludeProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.GroupVersionKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.rdbguard.core.workload.Requester;
import io.rdbguard.data.JsonErrors;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads an admission.k8s.io/v1 AdmissionReview, from a request body (the webhook) or an already parsed document (the
 * audit CLI), or says precisely why it cannot: the same reading for both, so both judge a review the same way.
 *
 * <p>Only what is judged is read. The envelope is read field by field; {@code request.object} and {@code oldObject} are
 * bound, straight to their fabric8 type, only for a kind rdb-guard judges (and oldObject only on an UPDATE) or a Helm
 * release record, and skipped unread otherwise. A Secret or ConfigMap is first read without its data: only a release
 * record is read whole, so other Secrets' data is never held. Of a judged object only the fields a check reads are
 * bound (the {@code Judged*} mix-ins below); the rest ({@code metadata.managedFields}, a third of a typical object;
 * scheduling, privileges, resources, the status's counters) would be most of what reading costs. What is skipped is
 * skimmed, not tokenised ({@link SkimmingJsonFactory}). An UPDATE's old object shares, instead of binding again, the
 * parts it has byte for byte the same as the new object ({@link SharedValues}). When an object comes before the
 * request's kind or operation (kube-apiserver writes them first; other clients may not), it is skipped and read again
 * from where it starts in the body once they are known.
 */
public final class AdmissionReviews {

    public static final String API_VERSION = "admission.k8s.io/v1";
    public static final String KIND = "AdmissionReview";

    // The fields of a judged object WorkloadMapper, LiveStates and the release reader read; every other field is skipped
    // unread. AdmissionReviewsTest holds the view to the whole object for every StatefulSet of the fixtures.

    @JsonIncludeProperties({"name", "generateName", "namespace", "labels", "annotations", "ownerReferences"})
    private abstract static class JudgedMetadata {
    }

    @JsonIncludeProperties({"replicas", "selector", "template", "updateStrategy", "volumeClaimTemplates"})
    private abstract static class JudgedStatefulSetSpec {
    }

    @JsonIncludeProperties({"currentRevision", "updateRevision"})
    private abstract static class JudgedStatefulSetStatus {
    }

    /** A volumeClaimTemplate adds a volume of its name to each pod. */
    @JsonIncludeProperties({"metadata"})
    private abstract static class JudgedClaimTemplate {
    }

    @JsonIncludeProperties({"template"})
    private abstract static class JudgedTemplateOnly {
    }

    @JsonIgnoreProperties({"status"})
    private abstract static class WithoutStatus {
    }

    @JsonIncludeProperties({"initContainers", "containers", "volumes"})
    private abstract static class JudgedPodSpec {
    }

    @JsonIncludeProperties({"name", "image", "command", "args", "env", "ports", "volumeMounts", "readinessProbe",
            "livenessProbe", "startupProbe"})
    private abstract static class JudgedContainer {
    }

    @JsonIncludeProperties({"name", "containerPort"})
    private abstract static class JudgedPort {
    }

    @JsonIncludeProperties({"name", "value", "valueFrom"})
    private abstract static class JudgedEnvVar {
    }

    /** Whether a variable comes from a Secret; any other source is only "not a literal value". */
    @JsonIncludeProperties({"secretKeyRef"})
    private abstract static class JudgedEnvSource {
    }

    @JsonIncludeProperties({"name", "mountPath"})
    private abstract static class JudgedMount {
    }

    /** Whether a volume is a claim, a Secret, or anything else. */
    @JsonIncludeProperties({"name", "persistentVolumeClaim", "secret"})
    private abstract static class JudgedVolume {
    }

    @JsonIncludeProperties({"exec", "httpGet", "tcpSocket", "grpc", "initialDelaySeconds", "timeoutSeconds", "periodSeconds",
            "failureThreshold"})
    private abstract static class JudgedProbe {
    }

    @JsonIgnoreProperties({"data", "binaryData", "stringData"})
    private abstract static class WithoutData {
    }

    /** The review as sent: apiVersion and kind are checked, not assumed; request is null when there is none. */
    private record Envelope(String apiVersion, String kind, ReviewRequest request) {
    }

    private final ObjectMapper mapper;
    /** Reads a Secret or ConfigMap without its data, to tell whether it is a release record. */
    private final ObjectMapper withoutData;
    private final Predicate<HasMetadata> releaseRecord;

    /** {@code releaseRecord}: which Secrets and ConfigMaps (read without their data) are Helm release records. */
    public AdmissionReviews(ObjectMapper mapper, Predicate<HasMetadata> releaseRecord) {
        this.mapper = SkimmingJsonFactory.skimming(QuotedStrings.requiredBy(NullListElements.refusedBy(mapper)))
                .addMixIn(ObjectMeta.class, JudgedMetadata.class)
                .addMixIn(StatefulSetSpec.class, JudgedStatefulSetSpec.class)
                .addMixIn(StatefulSetStatus.class, JudgedStatefulSetStatus.class)
                .addMixIn(PersistentVolumeClaim.class, JudgedClaimTemplate.class)
                .addMixIn(DeploymentSpec.class, JudgedTemplateOnly.class)
                .addMixIn(DaemonSetSpec.class, JudgedTemplateOnly.class)
                .addMixIn(ReplicaSetSpec.class, JudgedTemplateOnly.class)
                .addMixIn(Deployment.class, WithoutStatus.class)
                .addMixIn(DaemonSet.class, WithoutStatus.class)
                .addMixIn(ReplicaSet.class, WithoutStatus.class)
                .addMixIn(PodSpec.class, JudgedPodSpec.class)
                .addMixIn(Container.class, JudgedContainer.class)
                .addMixIn(ContainerPort.class, JudgedPort.class)
                .addMixIn(EnvVar.class, JudgedEnvVar.class)
                .addMixIn(EnvVarSource.class, JudgedEnvSource.class)
                .addMixIn(VolumeMount.class, JudgedMount.class)
                .addMixIn(Volume.class, JudgedVolume.class)
                .addMixIn(Probe.class, JudgedProbe.class)
                .registerModule(SharedValues.module());
        this.withoutData = this.mapper.copy()
                .addMixIn(Secret.class, WithoutData.class)
                .addMixIn(ConfigMap.class, WithoutData.class);
        this.releaseRecord = releaseRecord;
    }

    /** The request of a body sent to the webhook. */
    public ReviewRequest read(String contentType, byte[] body) {
        if (!isJson(contentType)) {
            throw new BadReviewException(415, "Content-Type is '" + contentType
                    + "'; send the AdmissionReview as application/json");
        }
        if (body == null || body.length == 0) {
            throw new BadReviewException(400, "the request body is empty; send an " + API_VERSION + " " + KIND);
        }
        return read(body);
    }

    /** The request of a review read from a file: written out as the body kube-apiserver would send, and read as one. */
    public ReviewRequest read(JsonNode review) {
        try {
            return read(mapper.writeValueAsBytes(review));
        } catch (JsonProcessingException e) {
            throw unreadable(e);
        }
    }

    private ReviewRequest read(byte[] body) {
        try (JsonParser parser = mapper.createParser(body)) {
            return validated(new Reading(body).envelope(parser));
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private static ReviewRequest validated(Envelope review) {
        if (review == null) {
            throw new BadReviewException(400, "the request body is JSON null; send an " + API_VERSION + " " + KIND);
        }
        if (!KIND.equals(review.kind())) {
            throw new BadReviewException(400, "kind is " + quoted(review.kind()) + "; expected " + KIND
                    + " (is this request meant for rdb-guard's /validate?)");
        }
        if (!API_VERSION.equals(review.apiVersion())) {
            throw new BadReviewException(400, "apiVersion " + quoted(review.apiVersion()) + " is not supported; rdb-guard"
                    + " speaks " + API_VERSION + ": set admissionReviewVersions: [v1] in the ValidatingWebhookConfiguration");
        }
        ReviewRequest request = review.request();
        if (request == null) {
            throw new BadReviewException(400, "the " + KIND + " has no request; kube-apiserver always sends one");
        }
        if (request.uid() == null || request.uid().isBlank()) {
            throw new BadReviewException(400, "request.uid is missing; the response must echo it");
        }
        return request;
    }

    /** One body being read. */
    private final class Reading {

        private final byte[] body;
        /** An UPDATE's old object shares the parts it has the same as its new object. */
        private final SharedValues sharedValues = new SharedValues();

        Reading(byte[] body) {
            this.body = body;
        }

        Envelope envelope(JsonParser parser) throws IOException {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new BadReviewException(400, "the request body holds no JSON value; send an " + API_VERSION + " " + KIND);
            }
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            requireObject(token, "the top level");
            String apiVersion = null;
            String kind = null;
            ReviewRequest request = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                token = parser.nextToken();
                switch (field) {
                    case "apiVersion" -> apiVersion = text(parser, field);
                    case "kind" -> kind = text(parser, field);
                    case "request" -> {
                        if (token == JsonToken.VALUE_NULL) {
                            request = null;
                        } else {
                            requireObject(token, "request");
                            request = new RequestFields().read(parser);
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            return new Envelope(apiVersion, kind, request);
        }

        /** The fields of one request, and where its objects start when they are read after it. */
        private final class RequestFields {
            private String uid;
            private GroupVersionKind kind;
            private boolean kindRead;
            private String operation;
            private boolean operationRead;
            private String name;
            private String namespace;
            private UserInfo user;
            private boolean dryRun;
            /** object and oldObject, and where each starts in the body when it is to be read after the request. */
            private final HasMetadata[] objects = new HasMetadata[2];
            private final Slice[] readLater = new Slice[2];

            ReviewRequest read(JsonParser parser) throws IOException {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken token = parser.nextToken();
                    switch (field) {
                        case "uid" -> uid = text(parser, "request", field);
                        case "kind" -> {
                            kind = token == JsonToken.VALUE_NULL ? null : bound(mapper, GroupVersionKind.class, parser, "request", field);
                            kindRead = true;
                        }
                        case "operation" -> {
                            operation = text(parser, "request", field);
                            operationRead = true;
                        }
                        case "name" -> name = text(parser, "request", field);
                        case "namespace" -> namespace = text(parser, "request", field);
                        case "userInfo" -> user = token == JsonToken.VALUE_NULL ? null : bound(mapper, UserInfo.class, parser, "request", field);
                        case "dryRun" -> dryRun = flag(parser, "request", field);
                        case "object" -> object(parser, false);
                        case "oldObject" -> object(parser, true);
                        default -> parser.skipChildren();
                    }
                }
                for (int old = 0; old < 2; old++) {
                    if (readLater[old] != null) {
                        try (JsonParser again = readLater[old].parser()) {
                            objects[old] = object(again, readLater[old], old == 1);
                        }
                    }
                }
                Requester requester = user == null ? Requester.UNKNOWN : new Requester(
                        Objects.requireNonNullElse(user.getUsername(), ""), Objects.requireNonNullElse(user.getGroups(), List.of()));
                return new ReviewRequest(uid, kind, operation, name, namespace, requester, dryRun, objects[0], objects[1]);
            }

            /** Read now when the request's kind and operation are known; else skipped, to be read once they are. */
            private void object(JsonParser parser, boolean old) throws IOException {
                int index = old ? 1 : 0;
                boolean decidable = kindRead && operationRead;
                Slice slice = new Slice(parser);
                objects[index] = decidable ? object(parser, slice, old) : null;
                readLater[index] = decidable ? null : slice.through(parser);
            }

            /**
             * The object at {@code parser} ({@code value} in the body) bound to its type if it is judged; null, and
             * skipped, if it is not.
             */
            private HasMetadata object(JsonParser parser, Slice value, boolean old) throws IOException {
                String field = old ? "oldObject" : "object";
                boolean judgedOperation = "UPDATE".equals(operation) || !old && "CREATE".equals(operation);
                Optional<JudgedKind> judged = judgedOperation ? JudgedKind.ofGroupVersionKind(Changes.groupVersionKind(kind))
                        : Optional.empty();
                JsonToken token = parser.currentToken();
                if (judged.isPresent()) {
                    if (token != JsonToken.START_OBJECT && token != JsonToken.VALUE_NULL) {
                        throw new BadReviewException(400, "request." + field
                                + " is not a Kubernetes object with apiVersion, kind and metadata");
                    }
                    Class<? extends HasMetadata> type = judged.get().type();
                    SharedValues.Read<HasMetadata> read = () -> bound(mapper, type, parser, "request", field);
                    if (!"UPDATE".equals(operation)) {
                        return read.read();
                    }
                    return old ? sharedValues.sharing(parser, read) : sharedValues.keeping(parser, read);
                }
                Class<? extends HasMetadata> recordType = judgedOperation && !old ? recordType() : null;
                if (recordType == null || token != JsonToken.START_OBJECT) {
                    return skipped(parser);
                }
                return releaseRecord(value.through(parser), recordType, field);
            }

            /**
             * The Secret or ConfigMap in {@code value} if it is a release record, read whole; null if it is not, or if
             * what tells (apiVersion, kind, labels, type) cannot be read: such an object is not judged, as other kinds.
             */
            private HasMetadata releaseRecord(Slice value, Class<? extends HasMetadata> type, String field) throws IOException {
                HasMetadata withoutItsData;
                try (JsonParser parser = value.parser()) {
                    withoutItsData = withoutData.readValue(parser, type);
                } catch (JsonMappingException e) {
                    return null;
                }
                if (!"v1".equals(withoutItsData.getApiVersion()) || !kind.getKind().equals(withoutItsData.getKind())
                        || !releaseRecord.test(withoutItsData)) {
                    return null;
                }
                try (JsonParser parser = value.parser()) {
                    return bound(mapper, type, parser, "request", field);
                }
            }

            /** Secret or ConfigMap when request.kind names a core v1 one: it may be a Helm release record. */
            private Class<? extends HasMetadata> recordType() {
                if (kind == null || kind.getGroup() != null && !kind.getGroup().isEmpty() || !"v1".equals(kind.getVersion())) {
                    return null;
                }
                return "Secret".equals(kind.getKind()) ? Secret.class : "ConfigMap".equals(kind.getKind()) ? ConfigMap.class : null;
            }
        }

        /** Where a value stands in the body, to read it again. */
        private final class Slice {
            private final int start;
            private int end = -1;

            /** The value at {@code parser}'s current token, from its first byte. */
            Slice(JsonParser parser) {
                start = (int) parser.currentTokenLocation().getByteOffset();
            }

            /**
             * Up to where {@code parser}, the body's parser, stands after the value (skipped now if it was not read);
             * a slice that already ends is read again, and keeps its end.
             */
            Slice through(JsonParser parser) throws IOException {
                parser.skipChildren();
                if (end < 0) {
                    end = (int) parser.currentLocation().getByteOffset();
                }
                return this;
            }

            /** A parser of this value alone, at its first token. */
            JsonParser parser() throws IOException {
                JsonParser parser = mapper.createParser(body, start, end - start);
                parser.nextToken();
                return parser;
            }
        }
    }

    private static HasMetadata skipped(JsonParser parser) throws IOException {
        parser.skipChildren();
        return null;
    }

    /** A string field; anything else is refused as Jackson refuses it (a number or boolean: {@link QuotedStrings}). */
    private String text(JsonParser parser, String... path) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        return token == JsonToken.VALUE_NULL ? null : bound(mapper, String.class, parser, path);
    }

    /** A boolean field; anything else is refused as Jackson refuses it. */
    private boolean flag(JsonParser parser, String... path) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE || token == JsonToken.VALUE_NULL) {
            return token == JsonToken.VALUE_TRUE;
        }
        return Boolean.TRUE.equals(bound(mapper, Boolean.class, parser, path));
    }

    /** The value at {@code parser} bound by {@code reader}; a refusal names the field from the top of the review. */
    private static <T> T bound(ObjectMapper reader, Class<T> type, JsonParser parser, String... path) throws IOException {
        try {
            return reader.readValue(parser, type);
        } catch (JsonMappingException e) {
            for (int i = path.length - 1; i >= 0; i--) {
                e.prependPath(null, path[i]);
            }
            throw e;
        }
    }

    private static void requireObject(JsonToken token, String path) {
        if (token != JsonToken.START_OBJECT) {
            throw new BadReviewException(400, "the " + KIND + " does not have the expected shape at " + path
                    + ": an object belongs there, not " + describe(token));
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> String.valueOf(token);
        };
    }

    private static BadReviewException unreadable(IOException e) {
        if (e instanceof StreamReadException read) {
            return new BadReviewException(400, "the request body is not valid JSON" + at(read) + ": " + read.getOriginalMessage());
        }
        if (e instanceof JsonMappingException mapping) {
            Optional<String> named = NullListElements.problem(mapping).or(() -> QuotedStrings.problem(mapping));
            if (named.isPresent()) {
                return new BadReviewException(400, named.get());
            }
            return new BadReviewException(400, "the " + KIND + " does not have the expected shape at "
                    + JsonErrors.fieldPath(mapping) + ": " + JsonErrors.firstLine(mapping.getOriginalMessage()));
        }
        if (e instanceof JsonProcessingException processing) {
            return new BadReviewException(400, "the request body cannot be read as an " + KIND + ": "
                    + JsonErrors.firstLine(processing.getOriginalMessage()));
        }
        return new BadReviewException(400, "the request body cannot be read: " + e.getMessage());
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim();
        return mediaType.equalsIgnoreCase("application/json");
    }

    private static String at(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static String quoted(String text) {
        return text == null ? "missing" : "'" + text + "'";
    }
}
