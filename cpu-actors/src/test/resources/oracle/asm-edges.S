# Edge cases checked against as --64 2.40: moffs fallback for large absolute addresses, immediate sign rules.
mov 0x100000000, %eax
mov 0x80000000, %eax
mov 0xffffffff80000000, %eax
movq %rax, %rbx
addq $-1, %rax
shl $1, %al
sar $0, %eax
ret $-1
push $-1
test $0x80, %al
test $-1, %eax
mov $-1, %eax
mov $0xffffffff80000000, %rax
add $0xffffffff80000000, %rax
