// Command pstest-server runs Google's in-memory Pub/Sub fake
// (cloud.google.com/go/pubsub/v2/pstest) as a standalone gRPC server for
// Tributary's integration tests.
//
// It listens on 127.0.0.1 only. The port comes from -port, else from the
// PSTEST_PORT environment variable, else 0 (the OS picks a free port).
// Once listening it prints exactly one line to stdout:
//
//	READY 127.0.0.1:PORT
//
// and then serves until SIGTERM or SIGINT (or, with -exit-on-stdin-eof, until
// stdin is closed).
package main

import (
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"cloud.google.com/go/pubsub/v2/pstest"
)

func main() {
	defaultPort := 0
	if v := os.Getenv("PSTEST_PORT"); v != "" {
		p, err := strconv.Atoi(v)
		if err != nil || p < 0 || p > 65535 {
			fmt.Fprintf(os.Stderr, "pstest-server: invalid PSTEST_PORT %q\n", v)
			os.Exit(2)
		}
		defaultPort = p
	}
	port := flag.Int("port", defaultPort, "TCP port on 127.0.0.1 (0 = pick a free one; env PSTEST_PORT)")
	watchStdin := flag.Bool("exit-on-stdin-eof", false,
		"also shut down when stdin reaches EOF (lets a parent that holds a pipe to stdin "+
			"take the server down with it, even when the parent is killed with SIGKILL)")
	flag.Parse()

	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(*port))
	// pstest panics when it cannot listen; probe first for a clear message.
	if *port != 0 {
		l, err := net.Listen("tcp", addr)
		if err != nil {
			fmt.Fprintf(os.Stderr, "pstest-server: cannot listen on %s: %v\n", addr, err)
			os.Exit(1)
		}
		_ = l.Close()
	}

	srv := pstest.NewServerWithAddress(addr)
	fmt.Printf("READY %s\n", srv.Addr)
	_ = os.Stdout.Sync()

	done := make(chan string, 2)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	go func() { done <- (<-sig).String() + " received" }()
	if *watchStdin {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			done <- "stdin closed"
		}()
	}
	reason := <-done
	fmt.Fprintf(os.Stderr, "pstest-server: %s, shutting down\n", reason)
	_ = srv.Close()
}
