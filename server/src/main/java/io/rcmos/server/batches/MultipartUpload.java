package io.rcmos.server.batches;

import io.rcmos.server.platform.web.ApiProblem;
import io.rcmos.server.platform.web.BodyTooLarge;
import io.rcmos.server.platform.web.FieldProblem;
import io.rcmos.server.platform.web.InvalidParameter;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.fileupload.FileItemIterator;
import org.apache.tomcat.util.http.fileupload.FileItemStream;
import org.apache.tomcat.util.http.fileupload.FileUpload;
import org.apache.tomcat.util.http.fileupload.FileUploadException;
import org.apache.tomcat.util.http.fileupload.servlet.ServletRequestContext;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch upload sent as {@code multipart/form-data}, parsed here and nowhere else (the container parses no multipart
 * body): streamed part by part from the request, itself bounded by the upload limit; the part {@code file} goes
 * straight into an {@link UploadSpool}, form fields (at most {@value #MAX_FIELD_BYTES} bytes each) join the query's
 * parameters. Nothing of the file is held in memory or written to disk in clear.
 */
record MultipartUpload(Map<String, String> params, String fileName, String contentType, UploadSpool spool) implements AutoCloseable {

    static final int MAX_FIELD_BYTES = 4096;
    static final int MAX_PARTS = 16;

    static MultipartUpload read(HttpServletRequest request, Map<String, String> query, Path spoolDirectory) throws IOException {
        Map<String, String> params = new LinkedHashMap<>(query);
        UploadSpool spool = null;
        String fileName = null;
        String contentType = null;
        try {
            FileUpload upload = new FileUpload();
            upload.setFileCountMax(MAX_PARTS);
            upload.setPartHeaderSizeMax(2048);
            upload.setHeaderEncoding(StandardCharsets.UTF_8.name());
            FileItemIterator parts = upload.getItemIterator(new ServletRequestContext(request));
            int count = 0;
            while (parts.hasNext()) {
                FileItemStream part = parts.next();
                if (++count > MAX_PARTS) {
                    throw new MalformedMultipart("has more than " + MAX_PARTS + " parts");
                }
                String name = part.getFieldName() == null ? "" : part.getFieldName();
                if ("file".equals(name)) {
                    if (spool != null) {
                        throw new InvalidParameter("file", "is given twice: upload one file at a time");
                    }
                    try (InputStream in = part.openStream()) {
                        spool = UploadSpool.of(in, spoolDirectory);
                    }
                    fileName = part.getName() == null || part.getName().isEmpty() ? null : part.getName();
                    contentType = part.getContentType();
                } else if (part.isFormField()) {
                    byte[] value;
                    try (InputStream in = part.openStream()) {
                        value = in.readNBytes(MAX_FIELD_BYTES + 1);
                    }
                    if (value.length > MAX_FIELD_BYTES) {
                        throw new InvalidParameter(printable(name), "is longer than " + MAX_FIELD_BYTES + " bytes");
                    }
                    if (params.putIfAbsent(name, new String(value, StandardCharsets.UTF_8)) != null && !query.containsKey(name)) {
                        throw new InvalidParameter(printable(name), "is given twice");
                    }
                } else {
                    throw new InvalidParameter(printable(name), "is not a file field of an upload: send the file as field 'file'");
                }
            }
        } catch (FileUploadException e) {
            close(spool);
            if (BodyTooLarge.in(e) >= 0) {
                throw new BodyTooLarge(BodyTooLarge.in(e));
            }
            throw new MalformedMultipart("cannot be read as multipart/form-data");
        } catch (IOException e) {
            close(spool);
            if (BodyTooLarge.in(e) >= 0) {
                throw new BodyTooLarge(BodyTooLarge.in(e));
            }
            if (e.getClass().getName().startsWith("org.apache.tomcat.util.http.fileupload.")) {
                // the parser's own complaints (a part that never ends, a bad header): the client sent broken multipart
                throw new MalformedMultipart("cannot be read as multipart/form-data (a part is cut short or malformed)");
            }
            throw e;
        } catch (RuntimeException e) {
            close(spool);
            throw e;
        }
        if (spool == null) {
            throw new InvalidParameter("file", "is required: the CSV or NDJSON file as multipart field 'file'");
        }
        return new MultipartUpload(params, fileName == null ? null : fileName.length() > 200 ? fileName.substring(0, 200) : fileName,
                contentType, spool);
    }

    /** A field name as it may be echoed: letters, digits and a few marks, at most 40 characters. */
    private static String printable(String name) {
        String clean = name.replaceAll("[^A-Za-z0-9_.\\-]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }

    private static void close(UploadSpool spool) {
        if (spool != null) {
            spool.close();
        }
    }

    @Override
    public void close() {
        spool.close();
    }

    /** The body is not well-formed multipart: 400, nothing stored. */
    static final class MalformedMultipart extends ApiProblem {
        MalformedMultipart(String message) {
            super(HttpStatus.BAD_REQUEST, "malformed_multipart", "the multipart body " + message,
                    List.of(FieldProblem.of("(body)", message)));
        }
    }
}
