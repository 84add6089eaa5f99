package main

import (
	"context"
	"sync"
	"time"

	pb "cloud.google.com/go/pubsub/v2/apiv1/pubsubpb"
	"google.golang.org/grpc"
)

// flowControl adds the server-side flow control of streaming pull that the real
// Pub/Sub service enforces and pstest ignores: once a stream has been sent
// max_outstanding_messages (or max_outstanding_bytes) that are neither
// acknowledged, nacked nor past their ack deadline, it is sent nothing more
// until some are. Clients (the Node client among them) rely on it: their own
// flow control only stops handing messages to the application, so without it
// a slow consumer buffers the whole backlog in memory.
//
// It watches the StreamingPull stream (its initial request sets the limits and
// the ack deadline; later requests may carry acks and deadline changes) and the
// Acknowledge and ModifyAckDeadline calls, matching messages by ack id.
type flowControl struct {
	mu     sync.Mutex
	leases map[string]*pullStream // ack id → the stream that was sent it
}

// pullStream is one StreamingPull call's limits and outstanding messages.
type pullStream struct {
	maxMessages int
	maxBytes    int64
	ackDeadline time.Duration
	outstanding map[string]lease // by ack id
	bytes       int64
	released    chan struct{} // signalled (without blocking) when leases end
}

type lease struct {
	bytes    int64
	deadline time.Time
}

func newFlowControl() *flowControl {
	return &flowControl{leases: map[string]*pullStream{}}
}

// serverOptions are the interceptors to install on the gRPC server.
func (fc *flowControl) serverOptions() []grpc.ServerOption {
	return []grpc.ServerOption{grpc.StreamInterceptor(fc.interceptStream), grpc.UnaryInterceptor(fc.interceptUnary)}
}

func (fc *flowControl) interceptUnary(
	ctx context.Context, req any, _ *grpc.UnaryServerInfo, handler grpc.UnaryHandler,
) (any, error) {
	switch r := req.(type) {
	case *pb.AcknowledgeRequest:
		fc.end(r.AckIds)
	case *pb.ModifyAckDeadlineRequest:
		fc.extend(r.AckIds, r.AckDeadlineSeconds)
	}
	return handler(ctx, req)
}

func (fc *flowControl) interceptStream(
	srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler,
) error {
	if info.FullMethod != "/google.pubsub.v1.Subscriber/StreamingPull" {
		return handler(srv, ss)
	}
	st := &pullStream{outstanding: map[string]lease{}, released: make(chan struct{}, 1)}
	defer fc.forget(st)
	return handler(srv, &flowControlledStream{ServerStream: ss, fc: fc, st: st})
}

// end releases the leases of acknowledged (or nacked) messages.
func (fc *flowControl) end(ackIDs []string) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	for _, id := range ackIDs {
		fc.releaseLocked(id)
	}
}

// extend moves the deadlines of messages; a deadline of 0 is a nack.
func (fc *flowControl) extend(ackIDs []string, seconds int32) {
	if seconds <= 0 {
		fc.end(ackIDs)
		return
	}
	fc.mu.Lock()
	defer fc.mu.Unlock()
	deadline := time.Now().Add(time.Duration(seconds) * time.Second)
	for _, id := range ackIDs {
		if st, ok := fc.leases[id]; ok {
			l := st.outstanding[id]
			l.deadline = deadline
			st.outstanding[id] = l
		}
	}
}

func (fc *flowControl) releaseLocked(ackID string) {
	st, ok := fc.leases[ackID]
	if !ok {
		return
	}
	delete(fc.leases, ackID)
	st.bytes -= st.outstanding[ackID].bytes
	delete(st.outstanding, ackID)
	select {
	case st.released <- struct{}{}:
	default:
	}
}

// expireLocked releases the stream's leases whose deadline passed: pstest
// redelivers those messages.
func (fc *flowControl) expireLocked(st *pullStream, now time.Time) {
	for id, l := range st.outstanding {
		if now.After(l.deadline) {
			fc.releaseLocked(id)
		}
	}
}

func (fc *flowControl) forget(st *pullStream) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	for id := range st.outstanding {
		fc.releaseLocked(id)
	}
}

// full reports whether the stream may be sent nothing more now.
func (fc *flowControl) full(st *pullStream) bool {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	fc.expireLocked(st, time.Now())
	return (st.maxMessages > 0 && len(st.outstanding) >= st.maxMessages) ||
		(st.maxBytes > 0 && st.bytes >= st.maxBytes)
}

// flowControlledStream is a StreamingPull server stream whose sends wait for room.
type flowControlledStream struct {
	grpc.ServerStream
	fc      *flowControl
	st      *pullStream
	started bool
}

func (s *flowControlledStream) RecvMsg(m any) error {
	if err := s.ServerStream.RecvMsg(m); err != nil {
		return err
	}
	req, ok := m.(*pb.StreamingPullRequest)
	if !ok {
		return nil
	}
	if !s.started {
		s.started = true
		s.fc.mu.Lock()
		s.st.maxMessages = int(req.MaxOutstandingMessages)
		s.st.maxBytes = req.MaxOutstandingBytes
		s.st.ackDeadline = time.Duration(req.StreamAckDeadlineSeconds) * time.Second
		if s.st.ackDeadline <= 0 {
			s.st.ackDeadline = 10 * time.Second // the service's default
		}
		s.fc.mu.Unlock()
	}
	s.fc.end(req.AckIds)
	for i, id := range req.ModifyDeadlineAckIds {
		if i < len(req.ModifyDeadlineSeconds) {
			s.fc.extend([]string{id}, req.ModifyDeadlineSeconds[i])
		}
	}
	return nil
}

func (s *flowControlledStream) SendMsg(m any) error {
	res, ok := m.(*pb.StreamingPullResponse)
	if !ok || len(res.ReceivedMessages) == 0 {
		return s.ServerStream.SendMsg(m)
	}
	for s.fc.full(s.st) {
		select {
		case <-s.Context().Done():
			return s.Context().Err()
		case <-s.st.released:
		case <-time.After(100 * time.Millisecond): // leases also end by expiring
		}
	}
	s.fc.mu.Lock()
	deadline := time.Now().Add(s.st.ackDeadline)
	for _, rm := range res.ReceivedMessages {
		bytes := int64(len(rm.GetMessage().GetData()))
		s.fc.leases[rm.AckId] = s.st
		s.st.outstanding[rm.AckId] = lease{bytes: bytes, deadline: deadline}
		s.st.bytes += bytes
	}
	s.fc.mu.Unlock()
	return s.ServerStream.SendMsg(m)
}
