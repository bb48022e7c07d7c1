add $1,%eax
add $0x80,%eax
add $1,%al
add $0xffff,%ax
add $0xff,%al
add $-1,%ax
mov $0xffffffff,%rax
mov $-1,%rax
mov $0x100000000,%rax
mov %eax,%ebx
xchg %eax,%ebx
xchg %ebx,%eax
xchg %eax,%eax
xchg %rax,%rax
xchg %ax,%ax
xchg %r8,%rax
xchg %rax,%r8
xchg %eax,(%rbx)
xchg (%rbx),%eax
test %eax,%ebx
test $1,%ebx
test $1,%eax
test $1,%al
test (%rax),%ebx
test %ebx,(%rax)
shl $1,%eax
shl %eax
shl %cl,%eax
imul $3,%eax
imul $300,%eax,%ebx
push $1
push $0x100
pushq $1
push %r12
mov 0x1234,%eax
mov %eax,0x1234
movabs 0x1234,%eax
movabs %eax,0x1234
movabs $1,%rax
mov $1,%al
mov %fs:0x28,%rax
lea (%r13),%rax
lea (%rbp),%rax
lea (%rsp),%rax
lea (%r12),%rax
lea (,%rax,2),%rbx
lea 0x10(%rip),%rax
mov %cr3,%rax
mov %rax,%cr3
mov %cr2,%rax
sal %eax
ret $8
int $0x80
iretq
nopw 0x0(%rax,%rax,1)
nopl 0x0(%rax)
data16 nop
rep movsb
rep stosb
lock xadd %eax,(%rbx)
lock incl (%rax)
cmpxchg %rbx,(%rax)
bt $3,%eax
bt %eax,%ebx
movsbl %al,%eax
movzbl %ah,%eax
movslq %eax,%rax
movzwq %ax,%rax
movsbw %al,%ax
cltq
cqto
cwtl
cltd
cbtw
cwtd
sete %al
sete %sil
cmove %eax,%ebx
inc %eax
inc %r8b
and $0xfffffff0,%esp
and $-16,%rsp
mov $0x80000000,%eax
mov $0x80000000,%rax
add $0x80000000,%eax
mov %eax,%r8d
mov (%rax,%rax),%eax
mov (%r13,%r12,8),%eax
mov 0x80(%rax),%eax
mov -0x80(%rax),%eax
mov (%rsp,%rax),%eax
lidt (%rax)
sidt (%rax)
invlpg (%rax)
jmp *%rax
jmp *(%rax)
call *%rax
callq *0x10(%rip)
