package io.rdbguard.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.rdbguard.data.JsonErrors;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads an admission.k8s.io/v1 AdmissionReview, from a request body (the webhook) or an already parsed document (the
 * audit CLI), or says precisely why it cannot: the same checks for both, so both judge a review the same way.
 */
public final class AdmissionReviews {

    public static final String API_VERSION = "admission.k8s.io/v1";
    public static final String KIND = "AdmissionReview";

    /**
     * The review as sent. Not fabric8's AdmissionReview, whose constructor fills in apiVersion and kind and so
     * would hide a body that is not an AdmissionReview at all.
     */
    record Envelope(String apiVersion, String kind, AdmissionRequest request) {
    }

    private final ObjectMapper mapper;

    public AdmissionReviews(ObjectMapper mapper) {
        this.mapper = QuotedStrings.requiredBy(NullListElements.refusedBy(mapper));
    }

    /** The request of a body sent to the webhook. */
    public AdmissionRequest read(String contentType, byte[] body) {
        if (!isJson(contentType)) {
            throw new BadReviewException(415, "Content-Type is '" + contentType
                    + "'; send the AdmissionReview as application/json");
        }
        if (body == null || body.length == 0) {
            throw new BadReviewException(400, "the request body is empty; send an " + API_VERSION + " " + KIND);
        }
        try {
            return validated(mapper.readValue(body, Envelope.class));
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** The request of a review read from a file. */
    public AdmissionRequest read(JsonNode review) {
        try {
            return validated(mapper.treeToValue(review, Envelope.class));
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private static AdmissionRequest validated(Envelope review) {
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
        AdmissionRequest request = review.request();
        if (request == null) {
            throw new BadReviewException(400, "the " + KIND + " has no request; kube-apiserver always sends one");
        }
        if (request.getUid() == null || request.getUid().isBlank()) {
            throw new BadReviewException(400, "request.uid is missing; the response must echo it");
        }
        return request;
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
