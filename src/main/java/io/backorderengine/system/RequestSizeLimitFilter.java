package io.backorderengine.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps the size of request bodies on {@code /api/**}. Tomcat only limits form posts, and a JSON
 * body of any size would otherwise be read into memory before validation could refuse it.
 */
@Component
class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long limit;

    RequestSizeLimitFilter(@Value("${backorder.api.max-body-size:256KB}") DataSize limit) {
        this.limit = limit.toBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("""
                    {"type":"urn:backorder-engine:problem:payload-too-large","title":"Payload Too Large",\
                    "status":413,"detail":"the request body is larger than the limit of %d bytes"}""".formatted(limit));
            return;
        }
        chain.doFilter(request.getContentLengthLong() < 0 ? new Limited(request, limit) : request, response);
    }

    /** Counts bytes of a body sent without a length (chunked) and stops at the limit. */
    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0) {
                        count(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int off, int len) throws IOException {
                    int n = in.read(buffer, off, len);
                    if (n > 0) {
                        count(n);
                    }
                    return n;
                }

                private void count(int n) throws IOException {
                    read += n;
                    if (read > limit) {
                        throw new BodyTooLarge(limit);
                    }
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }

    /** Thrown while reading; the exception handler finds it in the cause chain. */
    static final class BodyTooLarge extends IOException {
        final long limit;

        BodyTooLarge(long limit) {
            super("request body over " + limit + " bytes");
            this.limit = limit;
        }
    }
}
