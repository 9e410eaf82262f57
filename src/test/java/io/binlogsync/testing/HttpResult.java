package io.binlogsync.testing;

/** Status and body of one HTTP exchange. */
public record HttpResult(int status, String body) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
