package io.rdbguard.kube;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.CollectionType;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * An UPDATE's old object is mostly its new one, byte for byte: kube-apiserver sends both whole, and an image bump, a
 * scale or a new annotation leaves the rest of the template as it was. Reading the new object keeps where each of its
 * larger parts stands in the body ({@link #SHARED}); reading the old one, a part whose bytes at the same place are the
 * same is not bound again: the new object's value is shared and the parser jumps past it. Same bytes, same type and the
 * same reader bind to equal values, so the objects read are the same as without sharing (SharedValuesTest holds
 * them to that). Both objects are only read, never changed, so sharing a part is safe.
 *
 * <p>One per body. Works on {@link SkimmingJsonFactory}'s parsers, which read the whole body from one array; with any
 * other parser everything is bound as usual.
 */
final class SharedValues {

    /** The parts worth sharing: large enough to cost binding, and usually unchanged by an update. */
    private static final Set<Class<?>> SHARED = Set.of(StatefulSetSpec.class, PodTemplateSpec.class, ObjectMeta.class,
            LabelSelector.class, PodSpec.class, Container.class, Probe.class, PersistentVolumeClaim.class);
    /** Lists of these are shared whole: their elements are too small to be worth keeping one by one. */
    private static final Set<Class<?>> SHARED_LISTS = Set.of(Container.class, EnvVar.class, VolumeMount.class,
            ContainerPort.class, Volume.class, PersistentVolumeClaim.class);

    /** A part of the new object: its bytes, the lines they span, and what they were bound to. */
    private record Kept(Class<?> type, int start, int end, int newlines, int lastLineStart, Object value) {
    }

    private final Map<Long, Kept> newObject = new HashMap<>();

    /** Reads the new object with {@code read}, keeping its parts. */
    <T> T keeping(JsonParser parser, Read<T> read) throws IOException {
        return reading(parser, Mode.KEEPING, read);
    }

    /** Reads the old object with {@code read}, sharing the parts that are the new object's. */
    <T> T sharing(JsonParser parser, Read<T> read) throws IOException {
        return reading(parser, Mode.SHARING, read);
    }

    private <T> T reading(JsonParser parser, Mode mode, Read<T> read) throws IOException {
        if (!(parser instanceof SkimmingJsonFactory.SkimmingParser skimming)) {
            return read.read();
        }
        skimming.sharedValues = new Reading(this, mode, skimming.depth());
        try {
            return read.read();
        } finally {
            skimming.sharedValues = null;
        }
    }

    /** A read that may fail. */
    @FunctionalInterface
    interface Read<T> {
        T read() throws IOException;
    }

    private enum Mode { KEEPING, SHARING }

    /** One object being read: the mode, and the depth of the object's own brackets (places are counted from there). */
    record Reading(SharedValues values, Mode mode, int rootDepth) {

        /** The value at {@code parser} (at its opening bracket), read by {@code bind} or shared. */
        Object value(SkimmingJsonFactory.SkimmingParser parser, Class<?> type, Read<Object> bind) throws IOException {
            int start = parser.openedAt();
            if (start < 0) {
                return bind.read();
            }
            long place = parser.place(rootDepth) * 31 + type.hashCode();
            if (mode == Mode.SHARING) {
                Kept kept = values.newObject.get(place);
                // The type too: two places whose hashes collide may hold the same bytes ("{}") bound to other types.
                if (kept == null || kept.type != type || !parser.holdsAt(start, kept.start, kept.end)) {
                    return bind.read();
                }
                parser.jumpTo(start + kept.end - kept.start, kept.newlines, start + kept.lastLineStart);
                return kept.value;
            }
            int line = parser.line();
            Object value = bind.read();
            int end = parser.closedAt();
            if (end > 0) {
                values.newObject.put(place, new Kept(type, start, end, parser.line() - line, parser.lineStart() - start, value));
            }
            return value;
        }
    }

    /** The module that lets the {@link #SHARED} parts be shared: a reader of a body registers it. */
    static Module module() {
        return new SimpleModule("rdb-guard-shared-values").setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription bean,
                                                          JsonDeserializer<?> deserializer) {
                return SHARED.contains(bean.getBeanClass()) ? new SharedDeserializer(deserializer) : deserializer;
            }

            @Override
            public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
                                                                    BeanDescription bean, JsonDeserializer<?> deserializer) {
                return SHARED_LISTS.contains(type.getContentType().getRawClass()) ? new SharedDeserializer(deserializer) : deserializer;
            }
        });
    }

    /** Binds as {@code delegate} does, unless the value can be shared. */
    private static final class SharedDeserializer extends DelegatingDeserializer {

        SharedDeserializer(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new SharedDeserializer(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser instanceof SkimmingJsonFactory.SkimmingParser skimming && skimming.sharedValues != null) {
                return skimming.sharedValues.value(skimming, handledType(), () -> _delegatee.deserialize(parser, context));
            }
            return _delegatee.deserialize(parser, context);
        }
    }
}
