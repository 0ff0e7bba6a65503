package io.rdbguard.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GroupVersionKind;
import io.fabric8.kubernetes.api.model.GroupVersionResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import java.util.List;
import java.util.UUID;

/** Builds AdmissionReview bodies as kube-apiserver sends them. */
public final class Reviews {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdmissionRequest request = new AdmissionRequest();

    private Reviews(String operation, HasMetadata object, HasMetadata oldObject) {
        request.setUid(UUID.randomUUID().toString());
        request.setOperation(operation);
        request.setKind(new GroupVersionKind("apps", "StatefulSet", "v1"));
        request.setResource(new GroupVersionResource("apps", "statefulsets", "v1"));
        request.setRequestKind(request.getKind());
        request.setRequestResource(request.getResource());
        request.setName(object.getMetadata().getName());
        request.setNamespace(object.getMetadata().getNamespace());
        request.setObject(object);
        request.setOldObject(oldObject);
        request.setDryRun(false);
        UserInfo user = new UserInfo();
        user.setUsername("alice@example.com");
        user.setGroups(List.of("system:authenticated"));
        request.setUserInfo(user);
    }

    public static Reviews create(HasMetadata object) {
        return new Reviews("CREATE", object, null);
    }

    public static Reviews update(HasMetadata oldObject, HasMetadata newObject) {
        return new Reviews("UPDATE", newObject, oldObject);
    }

    /** Another kind than apps/v1 StatefulSet, e.g. ("", "v1", "Secret", "secrets") for a Helm release record. */
    public Reviews kind(String group, String version, String kind, String resource) {
        request.setKind(new GroupVersionKind(group, kind, version));
        request.setResource(new GroupVersionResource(group, resource, version));
        request.setRequestKind(request.getKind());
        request.setRequestResource(request.getResource());
        return this;
    }

    public Reviews uid(String uid) {
        request.setUid(uid);
        return this;
    }

    public Reviews dryRun() {
        request.setDryRun(true);
        return this;
    }

    public Reviews user(String username, String... groups) {
        request.getUserInfo().setUsername(username);
        request.getUserInfo().setGroups(List.of(groups));
        return this;
    }

    public String uid() {
        return request.getUid();
    }

    public String json() {
        AdmissionReview review = new AdmissionReview();
        review.setRequest(request);
        try {
            return JSON.writeValueAsString(review);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
