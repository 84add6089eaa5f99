// Command pstest-server runs Google's in-memory Pub/Sub fake
// (cloud.google.com/go/pubsub/v2/pstest) as a standalone gRPC server for
// Tributary's integration tests.
//
// It listens on 127.0.0.1 only. The port comes from -port, else from the
// PSTEST_PORT environment variable, else 0 (the OS picks a free port).
// The fake is served with the server-side flow control of streaming pull that
// the real service enforces (see flowcontrol.go). Once listening it prints
// exactly one line to stdout:
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

	pb "cloud.google.com/go/pubsub/v2/apiv1/pubsubpb"
	"cloud.google.com/go/pubsub/v2/pstest"
	"google.golang.org/grpc"
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
	lis, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(os.Stderr, "pstest-server: cannot listen on %s: %v\n", addr, err)
		os.Exit(1)
	}
	// pstest serves its fake on a listener of its own; clients use ours, where the
	// same fake is served behind the flow-control interceptors.
	fake := pstest.NewServerWithAddress("127.0.0.1:0")
	srv := grpc.NewServer(newFlowControl().serverOptions()...)
	pb.RegisterPublisherServer(srv, &fake.GServer)
	pb.RegisterSubscriberServer(srv, &fake.GServer)
	pb.RegisterSchemaServiceServer(srv, &fake.GServer)
	go func() {
		if err := srv.Serve(lis); err != nil {
			fmt.Fprintf(os.Stderr, "pstest-server: %v\n", err)
			os.Exit(1)
		}
	}()
	fmt.Printf("READY %s\n", lis.Addr())
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
	srv.Stop()
	_ = fake.Close()
}
